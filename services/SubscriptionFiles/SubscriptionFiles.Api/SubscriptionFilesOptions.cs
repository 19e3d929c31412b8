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
