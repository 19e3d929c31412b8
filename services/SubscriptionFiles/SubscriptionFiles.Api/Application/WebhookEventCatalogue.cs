using System.Text.Json;
using MassTransit;
using PartnerPlatform.Contracts.Coupons;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Contracts.Incentives;
using PartnerPlatform.Contracts.Opportunities;
using PartnerPlatform.Contracts.Resellers;
using PartnerPlatform.Contracts.SubscriptionFiles;
using SubscriptionFiles.Api.Consumers;

namespace SubscriptionFiles.Api.Application;

/// <summary>An event of the catalogue a partner's endpoint can subscribe to, and the partners it concerns.</summary>
public sealed record WebhookEventType(string Name, string Publisher, string Description)
{
    internal Action<IBusRegistrationConfigurator> Register { get; init; } = _ => { };
}

/// <summary>
/// The partner-scoped events of the catalogue (services/Contracts/README.md) that webhooks carry.
/// Each is consumed by its <c>Consumers/{Event}WebhookConsumer.cs</c> on the service's queue of that event
/// (<c>subscription-files-{event}</c>, beside the read-model consumer when there is one; the inbox keeps
/// the two apart) and delivered to every partner it names.
/// </summary>
public static class WebhookEventCatalogue
{
    public static IReadOnlyList<WebhookEventType> All { get; } =
    [
        Of<CustomerCreated, CustomerCreatedWebhookConsumer>("identity-api", "A customer was created by the partner (or its reseller)."),
        Of<CustomerAssociated, CustomerAssociatedWebhookConsumer>("identity-api", "A customer account was bound to the partner: the binding result (绑定结果)."),
        Of<CustomerDisassociated, CustomerDisassociatedWebhookConsumer>("identity-api", "A customer's association with the partner ended."),
        Of<CustomerAuthorisationGranted, CustomerAuthorisationGrantedWebhookConsumer>("identity-api", "A customer granted the partner an authorisation."),
        Of<AccountManagerAssigned, AccountManagerAssignedWebhookConsumer>("identity-api", "An account manager was assigned to one of the partner's customers."),
        Of<CouponQuotaGranted, CouponQuotaGrantedWebhookConsumer>("coupons-api", "A coupon quota was granted to the partner."),
        Of<CouponIssued, CouponIssuedWebhookConsumer>("coupons-api", "The partner issued a coupon to a customer."),
        Of<CouponRedeemed, CouponRedeemedWebhookConsumer>("coupons-api", "A customer used one of the partner's coupons."),
        Of<CouponRecalled, CouponRecalledWebhookConsumer>("coupons-api", "The partner recalled a coupon."),
        Of<CouponExpired, CouponExpiredWebhookConsumer>("coupons-api", "One of the partner's coupons expired."),
        Of<OpportunityApproved, OpportunityApprovedWebhookConsumer>("opportunities-api", "The vendor approved the partner's opportunity."),
        Of<OpportunityRejected, OpportunityRejectedWebhookConsumer>("opportunities-api", "The vendor rejected the partner's opportunity."),
        Of<OpportunityWon, OpportunityWonWebhookConsumer>("opportunities-api", "The partner's opportunity was won."),
        Of<OpportunityLost, OpportunityLostWebhookConsumer>("opportunities-api", "The partner's opportunity was lost."),
        Of<OpportunityDelivered, OpportunityDeliveredWebhookConsumer>("opportunities-api", "The partner's opportunity was delivered."),
        Of<HandoverOpportunityAssigned, HandoverOpportunityAssignedWebhookConsumer>("opportunities-api", "The vendor handed an opportunity over to the partner."),
        Of<ResellerLinked, ResellerLinkedWebhookConsumer>("resellers-api", "A distributor and a cloud reseller were linked (sent to both)."),
        Of<ResellerUnlinked, ResellerUnlinkedWebhookConsumer>("resellers-api", "A distributor and a cloud reseller were unlinked (sent to both)."),
        Of<ResellerSuspended, ResellerSuspendedWebhookConsumer>("resellers-api", "A cloud reseller's link was suspended (sent to both)."),
        Of<ResellerReinstated, ResellerReinstatedWebhookConsumer>("resellers-api", "A suspended cloud reseller was reinstated (sent to both)."),
        Of<IncentiveVerified, IncentiveVerifiedWebhookConsumer>("incentives-api", "An incentive list of the partner was verified."),
        Of<PaymentPaid, PaymentPaidWebhookConsumer>("incentives-api", "An incentive payment to the partner was paid."),
        Of<SubscriptionFileDelivered, SubscriptionFileDeliveredWebhookConsumer>("subscription-files-api", "A subscribed data file was delivered into the partner's bucket."),
        Of<SubscriptionFileDeliveryFailed, SubscriptionFileDeliveryFailedWebhookConsumer>("subscription-files-api", "A subscribed data file could not be delivered."),
        Of<ExportCompleted, ExportCompletedWebhookConsumer>("subscription-files-api", "An export the partner requested is ready."),
        Of<WebhookEndpointPaused, WebhookEndpointPausedWebhookConsumer>("subscription-files-api", "One of the partner's webhook endpoints was paused after failed deliveries."),
    ];

    private static readonly Dictionary<string, WebhookEventType> ByName = All.ToDictionary(e => e.Name, StringComparer.Ordinal);

    public static WebhookEventType? Find(string name) => ByName.GetValueOrDefault(name);

    public static WebhookEventType For<TEvent>() => ByName[typeof(TEvent).Name];

    /// <summary>Registers one consumer per event type, each on the service's queue of its event.</summary>
    public static void AddWebhookConsumers(this IBusRegistrationConfigurator bus)
    {
        foreach (var eventType in All)
        {
            eventType.Register(bus);
        }
    }

    /// <summary>The service's queue of an event, as every consumer of it is named: <c>CouponIssued</c> → <c>subscription-files-coupon-issued</c>.</summary>
    public static string QueueOf(string eventName) => SubscriptionFilesExtensions.ServiceName + "-" + JsonNamingPolicy.KebabCaseLower.ConvertName(eventName);

    private static WebhookEventType Of<TEvent, TConsumer>(string publisher, string description)
        where TConsumer : class, IConsumer<TEvent>
        where TEvent : class => new(typeof(TEvent).Name, publisher, description)
        {
            Register = bus => bus.AddConsumer<TConsumer>().Endpoint(endpoint => endpoint.Name = QueueOf(typeof(TEvent).Name)),
        };
}
