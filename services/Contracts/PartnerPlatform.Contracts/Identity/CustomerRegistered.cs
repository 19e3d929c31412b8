namespace PartnerPlatform.Contracts.Identity;

/// <summary>A partner pre-registered a prospective customer; other partners cannot register it until <see cref="ProtectedUntil"/>.</summary>
public sealed record CustomerRegistered(Guid PartnerId, Guid RegistrationId, DateTimeOffset ProtectedUntil, DateTimeOffset OccurredAt);
