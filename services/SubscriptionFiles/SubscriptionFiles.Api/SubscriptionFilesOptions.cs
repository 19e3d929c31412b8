using SubscriptionFiles.Api.Domain;

namespace SubscriptionFiles.Api;

/// <summary>Configuration section <c>SubscriptionFiles</c>; every setting has a working default.</summary>
public sealed class SubscriptionFilesOptions
{
    public const string SectionName = "SubscriptionFiles";

    /// <summary>The folder holding local buckets, one directory per bucket.</summary>
    public string LocalBucketRoot { get; set; } = Path.Combine("data", "buckets");

    /// <summary>Where finished export files are kept until they expire.</summary>
    public string ExportRoot { get; set; } = Path.Combine("data", "exports");

    /// <summary>The S3-compatible object storage of S3 buckets (null: S3 buckets are refused).</summary>
    public S3StorageOptions? S3 { get; set; }

    /// <summary>Cadence per content after its first delivery; contents not named are weekly.</summary>
    public Dictionary<Content, Cadence> Cadences { get; set; } = [];

    /// <summary>Rows per CSV file of a delivery (at most 100,000).</summary>
    public int MaxRowsPerFile { get; set; } = 100_000;

    /// <summary>Rows read per keyset page.</summary>
    public int PageSize { get; set; } = 5_000;

    /// <summary>Retries of a failed upload (one attempt, then this many), one per <see cref="RetryInterval"/>.</summary>
    public int MaxRetries { get; set; } = 5;

    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long an export's download link works.</summary>
    public TimeSpan ExportLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the delivery and export sweepers look for due work.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Publish demo consumption, order, tag and performance streams for the demo partners.</summary>
    public bool DemoStreams { get; set; }

    public TimeSpan DemoStreamInterval { get; set; } = TimeSpan.FromMinutes(1);

    public Cadence CadenceOf(Content content) => Cadences.GetValueOrDefault(content, Cadence.Weekly);
}

/// <summary>An S3-compatible endpoint (<c>SubscriptionFiles:S3:ServiceUrl</c>, keys, region).</summary>
public sealed class S3StorageOptions
{
    public string ServiceUrl { get; set; } = "";

    public string AccessKey { get; set; } = "";

    public string SecretKey { get; set; } = "";

    public string Region { get; set; } = "us-east-1";

    public bool ForcePathStyle { get; set; } = true;
}

/// <summary>Configuration section <c>Webhooks</c>: partners' HTTPS endpoints and how deliveries to them are sent.</summary>
public sealed class WebhooksOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>
    /// Accept <c>http</c> URLs and loopback addresses (127.0.0.0/8, ::1). For tests and local
    /// development only; off in production, where every other private range stays refused too.
    /// </summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Endpoints one partner may register.</summary>
    public int MaxEndpointsPerPartner { get; set; } = 20;

    /// <summary>How long deliveries carry a signature by the previous secret after a rotation.</summary>
    public TimeSpan SecretRotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The wait before the first retry; each further retry waits twice as long (capped by <see cref="RetryMaxDelay"/>).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Each wait is moved at random by up to this fraction either way, so failing receivers are not hit in lockstep.</summary>
    public double RetryJitter { get; set; } = 0.2;

    /// <summary>How long after its creation a delivery is still retried; after it the delivery is failed.</summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Failed deliveries in a row (retries exhausted) after which an endpoint is paused.</summary>
    public int PauseAfterFailedDeliveries { get; set; } = 5;

    /// <summary>Whole-request timeout of one attempt; connecting alone is bounded by <see cref="ConnectTimeout"/>.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a sender holds a claimed delivery before another sender may take it (must exceed <see cref="RequestTimeout"/>).</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the sender looks for due deliveries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Deliveries claimed per round by one sender (sent concurrently).</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>Characters of the receiver's answer kept in the attempt log.</summary>
    public int ResponseExcerptLength { get; set; } = 1024;

    /// <summary>The wait before retry number <paramref name="attempts"/> (1 = the first retry), with jitter from <paramref name="random"/> in [0, 1).</summary>
    public TimeSpan RetryDelay(int attempts, double random)
    {
        var exponent = Math.Min(Math.Max(attempts - 1, 0), 30);
        var delay = Math.Min(RetryBaseDelay.TotalMilliseconds * Math.Pow(2, exponent), RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(delay * (1 + (RetryJitter * ((2 * random) - 1))));
    }
}
