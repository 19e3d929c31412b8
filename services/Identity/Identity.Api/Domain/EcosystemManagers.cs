namespace Identity.Api.Domain;

/// <summary>
/// A partner's ecosystem manager (生态经理, PDM): a vendor staff account with the contact details
/// the partner sees. Rows are never deleted: an assignment ends when it is replaced or removed, so
/// the rows of a partner are its history. At most one row per partner is current (<see cref="EndedAt"/> null).
/// </summary>
public sealed class PartnerEcosystemManager
{
    public Guid Id { get; init; }

    public Guid PartnerId { get; init; }

    /// <summary>The vendor staff account (role <c>pdm</c> or <c>ecosystem_manager</c>).</summary>
    public Guid StaffAccountId { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>Lower-case.</summary>
    public required string Email { get; init; }

    public string? MobilePhone { get; init; }

    public DateTimeOffset AssignedAt { get; init; }

    public Guid AssignedBy { get; init; }

    public DateTimeOffset? EndedAt { get; set; }

    public Guid? EndedBy { get; set; }
}
