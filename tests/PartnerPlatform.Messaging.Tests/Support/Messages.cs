namespace PartnerPlatform.Messaging.Tests.Support;

/// <summary>Test-only event (real contracts live in services/Contracts).</summary>
public sealed record OrderPlaced(Guid OrderId, int Sequence, DateTimeOffset OccurredAt);

/// <summary>Test-only event whose consumer always throws.</summary>
public sealed record PaymentRejected(Guid OrderId, DateTimeOffset OccurredAt);
