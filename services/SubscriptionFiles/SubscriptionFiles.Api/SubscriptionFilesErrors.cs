using PartnerPlatform.ServiceDefaults;

namespace SubscriptionFiles.Api;

/// <summary>
/// The service's own error codes (the generic CBC.01xx codes come from ServiceDefaults): CBC.99009xxx.
/// Listed in the README and served at <c>GET /v2/reference/error-codes</c>.
/// </summary>
public static class SubscriptionFilesErrors
{
    // Subscriptions.
    public static readonly ErrorCode BucketNotWritable = new(
        "CBC.99009001", 400, "Bucket not writable", "The bucket could not be written: the probe object was refused or the bucket does not exist.");

    public static readonly ErrorCode BucketOfAnotherPartner = new(
        "CBC.99009002", 409, "Bucket of another partner", "The bucket belongs to another partner; a bucket is never shared between partners.");

    public static readonly ErrorCode ContentAlreadySubscribed = new(
        "CBC.99009003", 409, "Content already subscribed", "The partner already subscribes to one of these contents.");

    public static readonly ErrorCode S3StorageNotConfigured = new(
        "CBC.99009004", 400, "S3 storage not available", "S3 buckets are not available on this deployment.");

    // Deliveries.
    public static readonly ErrorCode DeliveryAlreadyScheduled = new(
        "CBC.99009010", 409, "Delivery already scheduled", "The delivery is waiting to run; it can be re-delivered once it was delivered or reported failed.");

    public static readonly ErrorCode ManifestNotWritten = new(
        "CBC.99009011", 409, "No manifest yet", "The delivery has not been delivered yet, so it has no manifest.");

    public static readonly ErrorCode ContentNotSubscribed = new(
        "CBC.99009012", 409, "Content no longer subscribed", "The delivery's content was unsubscribed; subscribe to it again to receive it.");

    // Exports.
    public static readonly ErrorCode ExportNotReady = new(
        "CBC.99009020", 409, "Export not ready", "The export task has not completed.");

    public static readonly ErrorCode ExportLinkExpired = new(
        "CBC.99009021", 410, "Download link expired", "The export's download link has expired; create a new export.");

    // Webhooks.
    public static readonly ErrorCode WebhookUrlInvalid = new(
        "CBC.99009030", 400, "Webhook URL invalid", "The URL must be absolute, at most 2,048 characters, without user information or fragment.");

    public static readonly ErrorCode WebhookUrlNotHttps = new(
        "CBC.99009031", 400, "Webhook URL not HTTPS", "A webhook URL must use https.");

    public static readonly ErrorCode WebhookAddressRefused = new(
        "CBC.99009032", 400, "Webhook address refused",
        "The URL's host is or resolves to a loopback, private, link-local, shared (CGNAT), unspecified, multicast or reserved address.");

    public static readonly ErrorCode WebhookHostUnresolvable = new(
        "CBC.99009033", 400, "Webhook host not found", "The URL's host name does not resolve to any address.");

    public static readonly ErrorCode WebhookEventTypeUnknown = new(
        "CBC.99009034", 400, "Unknown event type", "An event type is not in the catalogue of subscribable events (GET /v2/partners/webhooks/event-types).");

    public static readonly ErrorCode WebhookEndpointLimitReached = new(
        "CBC.99009035", 409, "Too many webhook endpoints", "The partner already has the most webhook endpoints allowed; delete one first.");

    public static readonly ErrorCode WebhookDeliveryPending = new(
        "CBC.99009036", 409, "Delivery still pending", "The delivery is still being tried; it can be replayed once it was delivered or failed.");

    public static IReadOnlyList<ErrorCode> All { get; } =
    [
        BucketNotWritable, BucketOfAnotherPartner, ContentAlreadySubscribed, S3StorageNotConfigured,
        DeliveryAlreadyScheduled, ManifestNotWritten, ContentNotSubscribed,
        ExportNotReady, ExportLinkExpired,
        WebhookUrlInvalid, WebhookUrlNotHttps, WebhookAddressRefused, WebhookHostUnresolvable, WebhookEventTypeUnknown,
        WebhookEndpointLimitReached, WebhookDeliveryPending,
    ];
}
