namespace PartnerPlatform.Contracts.Opportunities;

/// <summary>Vendor staff assigned an HO to an eligible partner, who must accept or reject it by <see cref="RespondBy"/> (3 working days). <see cref="OfferingRuleSet"/>: <c>vendor_led_baseline</c>, <c>partner_led_baseline</c> or <c>other</c>.</summary>
public sealed record HandoverOpportunityAssigned(
    Guid HandoverId,
    Guid PartnerId,
    string OfferingRuleSet,
    string Offering,
    DateTimeOffset RespondBy,
    DateTimeOffset OccurredAt);
