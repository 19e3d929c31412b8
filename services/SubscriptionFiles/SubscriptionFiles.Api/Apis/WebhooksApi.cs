using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;
using SubscriptionFiles.Api.Application;
using SubscriptionFiles.Api.Domain;

namespace SubscriptionFiles.Api.Apis;

/// <summary>Partners' webhook endpoints, their deliveries and attempts (ADR 0044). Needs the partner's <c>partner.manage</c> permission.</summary>
public static class WebhooksApi
{
    public const string ManagePermission = "partner.manage";

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/v2/partners/webhooks").WithTags("Webhooks").RequirePartner().RequirePermission(ManagePermission);

        webhooks.MapGet("/event-types", () => TypedResults.Ok(
                new PagedResponse<WebhookEventTypeView>("event_types", WebhookEventCatalogue.All.Count,
                    [.. WebhookEventCatalogue.All.Select(e => new WebhookEventTypeView(e.Name, e.Publisher, e.Description))])))
            .WithName("ListWebhookEventTypes")
            .ProducesErrorCodes()
            .WithSummary("The events of the catalogue an endpoint can subscribe to, with their publisher");

        webhooks.MapPost("", RegisterAsync)
            .WithName("RegisterWebhook")
            .ProducesErrorCodes(SubscriptionFilesErrors.WebhookUrlInvalid, SubscriptionFilesErrors.WebhookUrlNotHttps, SubscriptionFilesErrors.WebhookHostUnresolvable, SubscriptionFilesErrors.WebhookAddressRefused, SubscriptionFilesErrors.WebhookEventTypeUnknown, SubscriptionFilesErrors.WebhookEndpointLimitReached)
            .WithSummary("Register an HTTPS endpoint for event types; the answer carries its signing secret, shown this once");

        webhooks.MapGet("", ListAsync)
            .WithName("ListWebhooks")
            .ProducesErrorCodes()
            .WithSummary("The caller's webhook endpoints, oldest first");

        webhooks.MapGet("/audit", AuditAsync)
            .WithName("ListWebhookAudit")
            .ProducesErrorCodes()
            .WithSummary("Who registered, changed, rotated, deleted, replayed, and when endpoints were paused; newest first");

        webhooks.MapGet("/{webhook_id:guid}", GetAsync)
            .WithName("GetWebhook")
            .ProducesErrorCodes()
            .WithSummary("One endpoint: URL, event types, state (active, paused with its reason, disabled)");

        webhooks.MapPatch("/{webhook_id:guid}", ChangeAsync)
            .WithName("ChangeWebhook")
            .ProducesErrorCodes(SubscriptionFilesErrors.WebhookUrlInvalid, SubscriptionFilesErrors.WebhookUrlNotHttps, SubscriptionFilesErrors.WebhookHostUnresolvable, SubscriptionFilesErrors.WebhookAddressRefused, SubscriptionFilesErrors.WebhookEventTypeUnknown)
            .WithSummary("Change URL, event types, description or enabled; enabling a paused endpoint resumes it");

        webhooks.MapDelete("/{webhook_id:guid}", DeleteAsync)
            .WithName("DeleteWebhook")
            .ProducesErrorCodes()
            .WithSummary("Delete the endpoint with its deliveries");

        webhooks.MapPost("/{webhook_id:guid}/secret/rotate", RotateAsync)
            .WithName("RotateWebhookSecret")
            .ProducesErrorCodes()
            .WithSummary("Issue a new secret (shown this once); deliveries carry signatures by both secrets until the overlap ends");

        webhooks.MapGet("/{webhook_id:guid}/deliveries", DeliveriesAsync)
            .WithName("ListWebhookDeliveries")
            .ProducesErrorCodes()
            .WithSummary("The endpoint's deliveries, newest first; filter by status");

        webhooks.MapGet("/{webhook_id:guid}/deliveries/{delivery_id:guid}", DeliveryAsync)
            .WithName("GetWebhookDelivery")
            .ProducesErrorCodes()
            .WithSummary("One delivery with its attempt log (status, duration, response excerpt, error)");

        webhooks.MapGet("/{webhook_id:guid}/deliveries/{delivery_id:guid}/attempts", AttemptsAsync)
            .WithName("ListWebhookAttempts")
            .ProducesErrorCodes()
            .WithSummary("Every attempt of a delivery, first to last");

        webhooks.MapPost("/{webhook_id:guid}/deliveries/{delivery_id:guid}/replay", ReplayAsync)
            .WithName("ReplayWebhookDelivery")
            .ProducesErrorCodes(SubscriptionFilesErrors.WebhookDeliveryPending)
            .WithSummary("Send a delivered or failed delivery's event again (same event id) as a new delivery");

        return app;
    }

    private static async Task<Created<WebhookEndpointView>> RegisterAsync(
        RegisterWebhookRequest request, CurrentCaller caller, WebhookEndpoints endpoints, CancellationToken cancellationToken)
    {
        var endpoint = await endpoints.RegisterAsync(caller.GetPartnerGuid(), caller.UserId, request.ToCommand(), cancellationToken);
        return TypedResults.Created($"/v2/partners/webhooks/{endpoint.Id}", WebhookEndpointView.From(endpoint, withSecret: true));
    }

    private static async Task<Ok<PagedResponse<WebhookEndpointView>>> ListAsync(
        CurrentCaller caller, WebhookEndpoints endpoints, PageRequest page, CancellationToken cancellationToken)
    {
        var query = endpoints.Of(caller.GetPartnerGuid());
        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).Page(page).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<WebhookEndpointView>("webhooks", total, [.. items.Select(e => WebhookEndpointView.From(e))]));
    }

    private static async Task<Ok<PagedResponse<WebhookAuditView>>> AuditAsync(
        CurrentCaller caller, WebhookEndpoints endpoints, PageRequest page, CancellationToken cancellationToken)
    {
        var query = endpoints.AuditOf(caller.GetPartnerGuid());
        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.OrderByDescending(e => e.Id).Page(page).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<WebhookAuditView>("entries", total, [.. items.Select(WebhookAuditView.From)]));
    }

    private static async Task<Ok<WebhookEndpointView>> GetAsync(
        [FromRoute(Name = "webhook_id")] Guid webhookId, CurrentCaller caller, WebhookEndpoints endpoints, CancellationToken cancellationToken) =>
        TypedResults.Ok(WebhookEndpointView.From(await endpoints.FindAsync(caller.GetPartnerGuid(), webhookId, cancellationToken)));

    private static async Task<Ok<WebhookEndpointView>> ChangeAsync(
        [FromRoute(Name = "webhook_id")] Guid webhookId, ChangeWebhookRequest request, CurrentCaller caller, WebhookEndpoints endpoints,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(WebhookEndpointView.From(await endpoints.ChangeAsync(caller.GetPartnerGuid(), webhookId, caller.UserId, request.ToCommand(), cancellationToken)));

    private static async Task<NoContent> DeleteAsync(
        [FromRoute(Name = "webhook_id")] Guid webhookId, CurrentCaller caller, WebhookEndpoints endpoints, CancellationToken cancellationToken)
    {
        await endpoints.DeleteAsync(caller.GetPartnerGuid(), webhookId, caller.UserId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<WebhookEndpointView>> RotateAsync(
        [FromRoute(Name = "webhook_id")] Guid webhookId, CurrentCaller caller, WebhookEndpoints endpoints, CancellationToken cancellationToken) =>
        TypedResults.Ok(WebhookEndpointView.From(await endpoints.RotateSecretAsync(caller.GetPartnerGuid(), webhookId, caller.UserId, cancellationToken), withSecret: true));

    private static async Task<Ok<PagedResponse<WebhookDeliveryView>>> DeliveriesAsync(
        [FromRoute(Name = "webhook_id")] Guid webhookId, [FromQuery(Name = "status")] string? status, CurrentCaller caller, WebhookEndpoints endpoints,
        WebhookDeliveries deliveries, PageRequest page, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        await endpoints.FindAsync(partnerId, webhookId, cancellationToken);
        var query = deliveries.Of(partnerId, webhookId, EnumValue.ParseOptional<WebhookDeliveryStatus>(status, "status"));
        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Page(page).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<WebhookDeliveryView>("deliveries", total, [.. items.Select(d => WebhookDeliveryView.From(d))]));
    }

    private static async Task<Ok<WebhookDeliveryView>> DeliveryAsync(
        [FromRoute(Name = "webhook_id")] Guid webhookId, [FromRoute(Name = "delivery_id")] Guid deliveryId, CurrentCaller caller,
        WebhookDeliveries deliveries, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        var delivery = await deliveries.FindAsync(partnerId, webhookId, deliveryId, cancellationToken);
        return TypedResults.Ok(WebhookDeliveryView.From(delivery, await deliveries.AttemptsAsync(partnerId, webhookId, deliveryId, cancellationToken)));
    }

    private static async Task<Ok<PagedResponse<WebhookAttemptView>>> AttemptsAsync(
        [FromRoute(Name = "webhook_id")] Guid webhookId, [FromRoute(Name = "delivery_id")] Guid deliveryId, CurrentCaller caller,
        WebhookDeliveries deliveries, CancellationToken cancellationToken)
    {
        var attempts = await deliveries.AttemptsAsync(caller.GetPartnerGuid(), webhookId, deliveryId, cancellationToken);
        return TypedResults.Ok(new PagedResponse<WebhookAttemptView>("attempts", attempts.Count, [.. attempts.Select(WebhookAttemptView.From)]));
    }

    private static async Task<Accepted<WebhookDeliveryView>> ReplayAsync(
        [FromRoute(Name = "webhook_id")] Guid webhookId, [FromRoute(Name = "delivery_id")] Guid deliveryId, CurrentCaller caller,
        WebhookDeliveries deliveries, CancellationToken cancellationToken)
    {
        var replay = await deliveries.ReplayAsync(caller.GetPartnerGuid(), webhookId, deliveryId, caller.UserId, cancellationToken);
        return TypedResults.Accepted($"/v2/partners/webhooks/{webhookId}/deliveries/{replay.Id}", WebhookDeliveryView.From(replay));
    }
}
