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
    internal Func<object, IEnumerable<Guid?>> PartnersOf { get; init; } = _ => [];

    internal Action<IBusRegistrationConfigurator> Register { get; init; } = _ => { };
}

/// <summary>
/// The partner-scoped events of the catalogue (services/Contracts/README.md) that webhooks carry.
/// Each is consumed by <see cref="WebhookEventConsumer{TEvent}"/> on the one queue
/// <c>subscription-files-webhooks</c> and delivered to every partner it names.
/// </summary>
public static class WebhookEventCatalogue
{
    public const string QueueName = SubscriptionFilesExtensions.ServiceName + "-webhooks";

    public static IReadOnlyList<WebhookEventType> All { get; } =
    [
        Of<CustomerCreated>("identity-api", "A customer was created by the partner (or its reseller).", e => [e.PartnerId, e.IndirectPartnerId]),
        Of<CustomerAssociated>("identity-api", "A customer account was bound to the partner: the binding result (绑定结果).", e => [e.PartnerId, e.IndirectPartnerId]),
        Of<CustomerDisassociated>("identity-api", "A customer's association with the partner ended.", e => [e.PartnerId, e.IndirectPartnerId]),
        Of<CustomerAuthorisationGranted>("identity-api", "A customer granted the partner an authorisation.", e => [e.PartnerId]),
        Of<AccountManagerAssigned>("identity-api", "An account manager was assigned to one of the partner's customers.", e => [e.PartnerId]),
        Of<CouponQuotaGranted>("coupons-api", "A coupon quota was granted to the partner.", e => [e.PartnerId]),
        Of<CouponIssued>("coupons-api", "The partner issued a coupon to a customer.", e => [e.IssuerPartnerId, e.IndirectPartnerId]),
        Of<CouponRedeemed>("coupons-api", "A customer used one of the partner's coupons.", e => [e.IssuerPartnerId, e.IndirectPartnerId]),
        Of<CouponRecalled>("coupons-api", "The partner recalled a coupon.", e => [e.IssuerPartnerId]),
        Of<CouponExpired>("coupons-api", "One of the partner's coupons expired.", e => [e.IssuerPartnerId]),
        Of<OpportunityApproved>("opportunities-api", "The vendor approved the partner's opportunity.", e => [e.PartnerId]),
        Of<OpportunityRejected>("opportunities-api", "The vendor rejected the partner's opportunity.", e => [e.PartnerId]),
        Of<OpportunityWon>("opportunities-api", "The partner's opportunity was won.", e => [e.PartnerId]),
        Of<OpportunityLost>("opportunities-api", "The partner's opportunity was lost.", e => [e.PartnerId]),
        Of<OpportunityDelivered>("opportunities-api", "The partner's opportunity was delivered.", e => [e.PartnerId]),
        Of<HandoverOpportunityAssigned>("opportunities-api", "The vendor handed an opportunity over to the partner.", e => [e.PartnerId]),
        Of<ResellerLinked>("resellers-api", "A distributor and a cloud reseller were linked (sent to both).", e => [e.DistributorPartnerId, e.ResellerPartnerId]),
        Of<ResellerUnlinked>("resellers-api", "A distributor and a cloud reseller were unlinked (sent to both).", e => [e.DistributorPartnerId, e.ResellerPartnerId]),
        Of<ResellerSuspended>("resellers-api", "A cloud reseller's link was suspended (sent to both).", e => [e.DistributorPartnerId, e.ResellerPartnerId]),
        Of<ResellerReinstated>("resellers-api", "A suspended cloud reseller was reinstated (sent to both).", e => [e.DistributorPartnerId, e.ResellerPartnerId]),
        Of<IncentiveVerified>("incentives-api", "An incentive list of the partner was verified.", e => [e.PartnerId]),
        Of<PaymentPaid>("incentives-api", "An incentive payment to the partner was paid.", e => [e.PartnerId]),
        Of<SubscriptionFileDelivered>("subscription-files-api", "A subscribed data file was delivered into the partner's bucket.", e => [e.PartnerId]),
        Of<SubscriptionFileDeliveryFailed>("subscription-files-api", "A subscribed data file could not be delivered.", e => [e.PartnerId]),
        Of<ExportCompleted>("subscription-files-api", "An export the partner requested is ready.", e => [e.PartnerId]),
        Of<WebhookEndpointPaused>("subscription-files-api", "One of the partner's webhook endpoints was paused after failed deliveries.", e => [e.PartnerId]),
    ];

    private static readonly Dictionary<string, WebhookEventType> ByName = All.ToDictionary(e => e.Name, StringComparer.Ordinal);

    public static WebhookEventType? Find(string name) => ByName.GetValueOrDefault(name);

    public static WebhookEventType For<TEvent>() => ByName[typeof(TEvent).Name];

    /// <summary>Registers one consumer per event type, all on the webhooks queue.</summary>
    public static void AddWebhookConsumers(this IBusRegistrationConfigurator bus)
    {
        foreach (var eventType in All)
        {
            eventType.Register(bus);
        }
    }

    private static WebhookEventType Of<TEvent>(string publisher, string description, Func<TEvent, IEnumerable<Guid?>> partners)
        where TEvent : class => new(typeof(TEvent).Name, publisher, description)
        {
            PartnersOf = message => partners((TEvent)message),
            Register = bus => bus.AddConsumer<WebhookEventConsumer<TEvent>>().Endpoint(endpoint => endpoint.Name = QueueName),
        };
}
