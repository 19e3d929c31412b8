using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;
using SubscriptionFiles.Api.Application;
using SubscriptionFiles.Api.Domain;

namespace SubscriptionFiles.Api.Apis;

public static class SubscriptionsApi
{
    public static IEndpointRouteBuilder MapSubscriptionsApi(this IEndpointRouteBuilder app)
    {
        var subscriptions = app.MapGroup("/v2/partners/subscriptions").WithTags("File subscriptions").RequirePartner();

        subscriptions.MapPost("", SubscribeAsync)
            .WithName("Subscribe")
            .ProducesErrorCodes(SubscriptionFilesErrors.S3StorageNotConfigured, SubscriptionFilesErrors.BucketOfAnotherPartner, SubscriptionFilesErrors.BucketNotWritable, SubscriptionFilesErrors.ContentAlreadySubscribed)
            .WithSummary("Subscribe to one or more contents delivered into a bucket (probed with a write; never shared between partners)")
            .WithIdempotency(required: false);

        subscriptions.MapGet("", ListAsync)
            .WithName("ListSubscriptions")
            .ProducesErrorCodes()
            .WithSummary("The caller's subscriptions, newest first");

        subscriptions.MapGet("/{subscription_id:guid}", GetAsync)
            .WithName("GetSubscription")
            .ProducesErrorCodes()
            .WithSummary("One subscription: its contents, cadences and bucket");

        subscriptions.MapDelete("/{subscription_id:guid}", UnsubscribeAllAsync)
            .WithName("Unsubscribe")
            .ProducesErrorCodes()
            .WithSummary("Stops every content of the subscription: deliveries not yet run are cancelled, delivered files stay");

        subscriptions.MapDelete("/{subscription_id:guid}/contents/{content}", UnsubscribeContentAsync)
            .WithName("UnsubscribeContent")
            .ProducesErrorCodes()
            .WithSummary("Stops one content of the subscription; the subscription ends with its last content");

        return app;
    }

    private static async Task<NoContent> UnsubscribeAllAsync(
        [FromRoute(Name = "subscription_id")] Guid subscriptionId, CurrentCaller caller, Unsubscribing unsubscribing, CancellationToken cancellationToken)
    {
        await unsubscribing.UnsubscribeAsync(caller.GetPartnerGuid(), subscriptionId, content: null, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> UnsubscribeContentAsync(
        [FromRoute(Name = "subscription_id")] Guid subscriptionId, [FromRoute(Name = "content")] string content, CurrentCaller caller,
        Unsubscribing unsubscribing, CancellationToken cancellationToken)
    {
        await unsubscribing.UnsubscribeAsync(caller.GetPartnerGuid(), subscriptionId, EnumValue.Parse<Content>(content, "content"), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Created<SubscriptionView>> SubscribeAsync(
        SubscribeRequest request, CurrentCaller caller, Subscribing subscribing, CancellationToken cancellationToken)
    {
        var subscription = await subscribing.SubscribeAsync(caller.GetPartnerGuid(), caller.UserId, request.ToCommand(), cancellationToken);
        return TypedResults.Created($"/v2/partners/subscriptions/{subscription.Id}", SubscriptionView.From(subscription));
    }

    private static async Task<Ok<PagedResponse<SubscriptionView>>> ListAsync(
        CurrentCaller caller, Deliveries deliveries, PageRequest page, CancellationToken cancellationToken)
    {
        var subscriptions = deliveries.SubscriptionsOf(caller.GetPartnerGuid());
        var total = await subscriptions.LongCountAsync(cancellationToken);
        var items = await subscriptions.OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id).Page(page).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<SubscriptionView>("subscriptions", total, [.. items.Select(SubscriptionView.From)]));
    }

    private static async Task<Ok<SubscriptionView>> GetAsync(
        [FromRoute(Name = "subscription_id")] Guid subscriptionId, CurrentCaller caller, Deliveries deliveries, CancellationToken cancellationToken) =>
        TypedResults.Ok(SubscriptionView.From(await deliveries.FindSubscriptionAsync(caller.GetPartnerGuid(), subscriptionId, cancellationToken)));
}

public static class DeliveriesApi
{
    public static IEndpointRouteBuilder MapDeliveriesApi(this IEndpointRouteBuilder app)
    {
        var deliveries = app.MapGroup("/v2/partners/subscriptions/deliveries").WithTags("File deliveries").RequirePartner();

        deliveries.MapGet("", ListAsync)
            .WithName("ListDeliveries")
            .ProducesErrorCodes()
            .WithSummary("The caller's deliveries (one per content and period), newest period first; filter by content and status");

        deliveries.MapGet("/{delivery_id:guid}", GetAsync)
            .WithName("GetDelivery")
            .ProducesErrorCodes()
            .WithSummary("One delivery: period, status, attempts, files and rows");

        deliveries.MapGet("/{delivery_id:guid}/manifest", ManifestAsync)
            .WithName("DownloadDeliveryManifest")
            .ProducesErrorCodes(SubscriptionFilesErrors.ManifestNotWritten)
            .WithSummary("The delivery's manifest as written to the bucket: files, row counts, SHA-256, schema version, period")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");

        deliveries.MapPost("/{delivery_id:guid}/redeliveries", RedeliverAsync)
            .WithName("Redeliver")
            .ProducesErrorCodes(SubscriptionFilesErrors.ContentNotSubscribed, SubscriptionFilesErrors.DeliveryAlreadyScheduled)
            .WithSummary("Runs a delivered or failed delivery again now, into the same folder (manifest rewritten last)");

        return app;
    }

    private static async Task<Ok<PagedResponse<DeliveryView>>> ListAsync(
        [FromQuery(Name = "content")] string? content, [FromQuery(Name = "status")] string? status, CurrentCaller caller, Deliveries deliveries,
        PageRequest page, CancellationToken cancellationToken)
    {
        var query = deliveries.Of(
            caller.GetPartnerGuid(), EnumValue.ParseOptional<Content>(content, "content"), EnumValue.ParseOptional<DeliveryStatus>(status, "status"));
        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.OrderByDescending(d => d.PeriodStart).ThenBy(d => d.Content).Page(page).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<DeliveryView>("deliveries", total, [.. items.Select(DeliveryView.From)]));
    }

    private static async Task<Ok<DeliveryView>> GetAsync(
        [FromRoute(Name = "delivery_id")] Guid deliveryId, CurrentCaller caller, Deliveries deliveries, CancellationToken cancellationToken) =>
        TypedResults.Ok(DeliveryView.From(await deliveries.FindAsync(caller.GetPartnerGuid(), deliveryId, cancellationToken)));

    private static async Task<IResult> ManifestAsync(
        [FromRoute(Name = "delivery_id")] Guid deliveryId, CurrentCaller caller, Deliveries deliveries, CancellationToken cancellationToken) =>
        Results.Text(await deliveries.ManifestAsync(caller.GetPartnerGuid(), deliveryId, cancellationToken), "application/json");

    private static async Task<Accepted<DeliveryView>> RedeliverAsync(
        [FromRoute(Name = "delivery_id")] Guid deliveryId, CurrentCaller caller, Deliveries deliveries, CancellationToken cancellationToken) =>
        TypedResults.Accepted($"/v2/partners/subscriptions/deliveries/{deliveryId}",
            DeliveryView.From(await deliveries.RedeliverAsync(caller.GetPartnerGuid(), deliveryId, cancellationToken)));
}
