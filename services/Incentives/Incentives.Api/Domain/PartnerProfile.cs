namespace Incentives.Api.Domain;

/// <summary>What this service knows of a partner from identity-api's events: path stage, business-information certification, capability tags.</summary>
public sealed class PartnerProfile
{
    public const string RoleCertified = "role_certified";
    public const string CapabilityDifferentiated = "capability_differentiated";

    public Guid PartnerId { get; set; }

    public string PathStage { get; set; } = "registered";

    public DateTimeOffset? PathStageAt { get; set; }

    public DateTimeOffset? BusinessInfoCertifiedAt { get; set; }

    public List<string> CapabilityTags { get; set; } = [];

    /// <summary>On the service path at a stage that qualifies for FH (seed: role certified or capability differentiated).</summary>
    public bool QualifiesForFh => PathStage is RoleCertified or CapabilityDifferentiated;
}
