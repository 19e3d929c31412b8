using PartnerPlatform.ServiceDefaults;
using SubscriptionFiles.Api.Application;
using SubscriptionFiles.Api.Data;
using SubscriptionFiles.Api.Domain;

namespace SubscriptionFiles.Api.Apis;

/// <summary>Subscribe to one or more contents, delivered into a bucket.</summary>
public sealed record SubscribeRequest(IReadOnlyList<string>? Contents = null, BucketRequest? Bucket = null)
{
    public SubscribeCommand ToCommand()
    {
        if (Contents is not { Count: > 0 })
        {
            throw ApiException.InvalidField("contents", "Name at least one content (GET /v2/reference/subscription-contents).");
        }

        var contents = Contents.Select(name => EnumValue.Parse<Content>(name, "contents")).ToList();
        if (contents.Distinct().Count() != contents.Count)
        {
            throw ApiException.InvalidField("contents", "A content is named twice.");
        }

        if (Bucket is null || string.IsNullOrWhiteSpace(Bucket.Name))
        {
            throw ApiException.InvalidField("bucket.name", "The bucket is required.");
        }

        var kind = Bucket.Kind is null ? BucketKind.Local : EnumValue.Parse<BucketKind>(Bucket.Kind, "bucket.kind");
        return new SubscribeCommand(contents, kind, Bucket.Name, Bucket.Prefix);
    }
}

/// <summary>A bucket: <c>kind</c> local (default) or s3, its name, and an optional folder inside it.</summary>
public sealed record BucketRequest(string? Kind = null, string? Name = null, string? Prefix = null);

/// <summary>Create an export of one list (GET /v2/reference/export-lists).</summary>
public sealed record CreateExportRequest(string? List = null)
{
    public ExportList ToList() => EnumValue.Parse<ExportList>(List, "list");
}

internal static class EnumValue
{
    public static TEnum Parse<TEnum>(string? text, string field)
        where TEnum : struct, Enum =>
        SnakeCaseEnumConverter<TEnum>.TryParse(text, out var value)
            ? value
            : throw ApiException.InvalidField(field, $"'{text}' is not one of: {string.Join(", ", SnakeCaseEnumConverter<TEnum>.All)}.");

    public static TEnum? ParseOptional<TEnum>(string? text, string field)
        where TEnum : struct, Enum =>
        string.IsNullOrEmpty(text) ? null : Parse<TEnum>(text, field);
}

/// <summary>Register an HTTPS endpoint for event types of the catalogue (GET /v2/partners/webhooks/event-types).</summary>
public sealed record RegisterWebhookRequest(string? Url = null, IReadOnlyList<string>? EventTypes = null, string? Description = null, bool? Enabled = null)
{
    public RegisterWebhookCommand ToCommand() => new(Url, EventTypes, Description, Enabled);
}

/// <summary>Change what is given; <c>enabled: true</c> also resumes a paused endpoint.</summary>
public sealed record ChangeWebhookRequest(string? Url = null, IReadOnlyList<string>? EventTypes = null, string? Description = null, bool? Enabled = null)
{
    public ChangeWebhookCommand ToCommand() => new(Url, EventTypes, Description, Enabled);
}
