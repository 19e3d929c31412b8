namespace SubscriptionFiles.Api.Domain;

/// <summary>A partner's subscription: contents delivered into one bucket.</summary>
public sealed class Subscription
{
    public Guid Id { get; set; }

    public Guid PartnerId { get; set; }

    public BucketKind BucketKind { get; set; }

    public string BucketName { get; set; } = "";

    /// <summary>The folder inside the bucket, empty or ending with '/'.</summary>
    public string BucketPrefix { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    public List<SubscriptionContent> Contents { get; set; } = [];
}

/// <summary>One content of a subscription; a partner subscribes to each content once.</summary>
public sealed class SubscriptionContent
{
    public Guid PartnerId { get; set; }

    public Content Content { get; set; }

    public Guid SubscriptionId { get; set; }

    public Cadence Cadence { get; set; }
}

/// <summary>A bucket belongs to the first partner who subscribed with it, for good: never shared.</summary>
public sealed class BucketClaim
{
    /// <summary><c>local:{name}</c> or <c>s3:{name}</c>.</summary>
    public string BucketKey { get; set; } = "";

    public Guid PartnerId { get; set; }

    public DateTimeOffset ClaimedAt { get; set; }

    public static string KeyOf(BucketKind kind, string name) => $"{(kind == BucketKind.S3 ? "s3" : "local")}:{name}";
}
