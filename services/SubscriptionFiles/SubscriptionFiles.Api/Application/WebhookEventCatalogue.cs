using MassTransit;
using PartnerPlatform.Contracts.Coupons;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Contracts.Incentives;
using PartnerPlatform.Contracts.Opportunities;
using PartnerPlatform.Contracts.Resellers;
using PartnerPlatform.Contracts.SubscriptionFiles;

namespace SubscriptionFiles.Api.Application;

/// <summary>An event of the catalogue a partner's endpoint can subscribe to, and the partners it concerns.</summary>
public sealed record WebhookEventType(string Name, string Publisher, string Description)
{
    internal Action<IBusRegistrationConfigurator> Register { get; init; } = _ => { };
}

/// <summary>
/// The partner-scoped events of the catalogue (services/Contracts/README.md) that webhooks carry.
/// Each is consumed by its <c>Consumers/Webhooks/{Event}Consumer.cs</c>, whose name puts it on the service's
/// queue of that event (<c>subscription-files-{event}</c>), beside the read-model consumer of the same
/// short name when there is one (the inbox keeps the two apart by full name), and delivered to every
/// partner it names.
/// </summary>
public static class WebhookEventCatalogue
{
    public static IReadOnlyList<WebhookEventType> All { get; } =
    [
        Of<CustomerCreated, Consumers.Webhooks.CustomerCreatedConsumer>("identity-api", "A customer was created by the partner (or its reseller)."),
        Of<CustomerAssociated, Consumers.Webhooks.CustomerAssociatedConsumer>("identity-api", "A customer account was bound to the partner: the binding result (绑定结果)."),
        Of<CustomerDisassociated, Consumers.Webhooks.CustomerDisassociatedConsumer>("identity-api", "A customer's association with the partner ended."),
        Of<CustomerAuthorisationGranted, Consumers.Webhooks.CustomerAuthorisationGrantedConsumer>("identity-api", "A customer granted the partner an authorisation."),
        Of<AccountManagerAssigned, Consumers.Webhooks.AccountManagerAssignedConsumer>("identity-api", "An account manager was assigned to one of the partner's customers."),
        Of<CouponQuotaGranted, Consumers.Webhooks.CouponQuotaGrantedConsumer>("coupons-api", "A coupon quota was granted to the partner."),
        Of<CouponIssued, Consumers.Webhooks.CouponIssuedConsumer>("coupons-api", "The partner issued a coupon to a customer."),
        Of<CouponRedeemed, Consumers.Webhooks.CouponRedeemedConsumer>("coupons-api", "A customer used one of the partner's coupons."),
        Of<CouponRecalled, Consumers.Webhooks.CouponRecalledConsumer>("coupons-api", "The partner recalled a coupon."),
        Of<CouponExpired, Consumers.Webhooks.CouponExpiredConsumer>("coupons-api", "One of the partner's coupons expired."),
        Of<OpportunityApproved, Consumers.Webhooks.OpportunityApprovedConsumer>("opportunities-api", "The vendor approved the partner's opportunity."),
        Of<OpportunityRejected, Consumers.Webhooks.OpportunityRejectedConsumer>("opportunities-api", "The vendor rejected the partner's opportunity."),
        Of<OpportunityWon, Consumers.Webhooks.OpportunityWonConsumer>("opportunities-api", "The partner's opportunity was won."),
        Of<OpportunityLost, Consumers.Webhooks.OpportunityLostConsumer>("opportunities-api", "The partner's opportunity was lost."),
        Of<OpportunityDelivered, Consumers.Webhooks.OpportunityDeliveredConsumer>("opportunities-api", "The partner's opportunity was delivered."),
        Of<HandoverOpportunityAssigned, Consumers.Webhooks.HandoverOpportunityAssignedConsumer>("opportunities-api", "The vendor handed an opportunity over to the partner."),
        Of<ResellerLinked, Consumers.Webhooks.ResellerLinkedConsumer>("resellers-api", "A distributor and a cloud reseller were linked (sent to both)."),
        Of<ResellerUnlinked, Consumers.Webhooks.ResellerUnlinkedConsumer>("resellers-api", "A distributor and a cloud reseller were unlinked (sent to both)."),
        Of<ResellerSuspended, Consumers.Webhooks.ResellerSuspendedConsumer>("resellers-api", "A cloud reseller's link was suspended (sent to both)."),
        Of<ResellerReinstated, Consumers.Webhooks.ResellerReinstatedConsumer>("resellers-api", "A suspended cloud reseller was reinstated (sent to both)."),
        Of<IncentiveVerified, Consumers.Webhooks.IncentiveVerifiedConsumer>("incentives-api", "An incentive list of the partner was verified."),
        Of<PaymentPaid, Consumers.Webhooks.PaymentPaidConsumer>("incentives-api", "An incentive payment to the partner was paid."),
        Of<SubscriptionFileDelivered, Consumers.Webhooks.SubscriptionFileDeliveredConsumer>("subscription-files-api", "A subscribed data file was delivered into the partner's bucket."),
        Of<SubscriptionFileDeliveryFailed, Consumers.Webhooks.SubscriptionFileDeliveryFailedConsumer>("subscription-files-api", "A subscribed data file could not be delivered."),
        Of<ExportCompleted, Consumers.Webhooks.ExportCompletedConsumer>("subscription-files-api", "An export the partner requested is ready."),
        Of<WebhookEndpointPaused, Consumers.Webhooks.WebhookEndpointPausedConsumer>("subscription-files-api", "One of the partner's webhook endpoints was paused after failed deliveries."),
    ];

    private static readonly Dictionary<string, WebhookEventType> ByName = All.ToDictionary(e => e.Name, StringComparer.Ordinal);

    public static WebhookEventType? Find(string name) => ByName.GetValueOrDefault(name);

    public static WebhookEventType For<TEvent>() => ByName[typeof(TEvent).Name];

    /// <summary>Registers one consumer per event type (endpoint named by the bus's formatter, as for every consumer).</summary>
    public static void AddWebhookConsumers(this IBusRegistrationConfigurator bus)
    {
        foreach (var eventType in All)
        {
            eventType.Register(bus);
        }
    }

    private static WebhookEventType Of<TEvent, TConsumer>(string publisher, string description)
        where TConsumer : class, IConsumer<TEvent>
        where TEvent : class => new(typeof(TEvent).Name, publisher, description)
        {
            Register = bus => bus.AddConsumer<TConsumer>(),
        };
}
