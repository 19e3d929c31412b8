using Identity.Api.Domain;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Apis;

public sealed record ProgrammeView(Programme Programme, ProgrammeStatus Status, DateTimeOffset JoinedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? ExpiredAt)
{
    public static ProgrammeView From(PartnerProgramme p) => new(p.Programme, p.Status, p.JoinedAt, p.ExpiresAt, p.ExpiredAt);
}

/// <summary>A partner as its own members and vendor staff see it; personal data masked.</summary>
public sealed record PartnerView(
    Guid PartnerId,
    string CompanyName,
    string Email,
    string? MobilePhone,
    string Region,
    PathStage PathStage,
    IReadOnlyList<ProgrammeView> Programmes,
    DateTimeOffset? CoExpansionJoinedAt,
    IReadOnlyList<string> CapabilityTags,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static PartnerView From(Partner partner) => new(
        partner.Id,
        partner.CompanyName,
        PiiMask.Email(partner.Email)!,
        PiiMask.Mobile(partner.MobilePhone),
        partner.Region,
        partner.PathStage,
        [.. partner.Programmes.OrderBy(p => p.JoinedAt).Select(ProgrammeView.From)],
        partner.CoExpansionJoinedAt,
        [.. partner.CapabilityTags.Select(t => t.Tag).Order(StringComparer.Ordinal)],
        partner.CreatedAt,
        partner.UpdatedAt);
}

/// <summary>The certification; the bank account number shows its last four digits only.</summary>
public sealed record CertificationView(
    Guid PartnerId,
    BusinessCertificationStatus Status,
    string BankName,
    string BankAccountName,
    string BankAccountNumber,
    string TaxId,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? ReviewDueBy,
    DateTimeOffset? ReviewedAt,
    string? ReviewNote,
    DateTimeOffset? CertifiedAt)
{
    public static CertificationView From(BusinessCertification c) => new(
        c.PartnerId, c.Status, c.BankName, c.BankAccountName, MaskAccountNumber(c.BankAccountNumber), c.TaxId, c.SubmittedAt, c.ReviewDueBy,
        c.ReviewedAt, c.ReviewNote, c.CertifiedAt);

    public static string MaskAccountNumber(string number) => number.Length <= 4 ? new string('*', number.Length) : new string('*', number.Length - 4) + number[^4..];
}

/// <summary>
/// What an invitation link is, for whoever holds it before signing in: who invites, to what, until
/// when (null: never expires), and whether it can still be accepted. No ids; a member invitation's
/// address is masked as in the partner's own list.
/// </summary>
public sealed record InvitationPreviewView(
    InvitationPreviewKind Kind,
    string PartnerName,
    AssociationType? AssociationType,
    MemberInvitationChannel? Channel,
    string? Address,
    DateTimeOffset? ExpiresAt,
    InvitationLinkStatus Status)
{
    public static InvitationPreviewView From(CustomerInvitation invitation, string partnerName, DateTimeOffset now) => new(
        invitation.Kind == CustomerInvitationKind.Online ? InvitationPreviewKind.CustomerOnline : InvitationPreviewKind.CustomerOffline,
        partnerName,
        invitation.AssociationType,
        Channel: null,
        Address: null,
        invitation.ExpiresAt,
        // In the order acceptance checks them; offline links are never used up and never expire.
        invitation.UsedAt is not null ? InvitationLinkStatus.Used
        : invitation.ExpiresAt <= now ? InvitationLinkStatus.Expired
        : InvitationLinkStatus.Valid);

    public static InvitationPreviewView From(MemberInvitation invitation, string partnerName, DateTimeOffset now) => new(
        InvitationPreviewKind.Member,
        partnerName,
        AssociationType: null,
        invitation.Channel,
        invitation.Channel == MemberInvitationChannel.Email ? PiiMask.Email(invitation.Address) : PiiMask.Mobile(invitation.Address),
        invitation.ExpiresAt,
        invitation.StatusAt(now) switch
        {
            MemberInvitationStatus.Accepted => InvitationLinkStatus.Used,
            MemberInvitationStatus.Expired => InvitationLinkStatus.Expired,
            _ => InvitationLinkStatus.Valid,
        });
}

public enum InvitationPreviewKind
{
    /// <summary>An emailed invitation of a pre-registered customer: 7 days, single use.</summary>
    CustomerOnline,

    /// <summary>An offline link or QR code: never expires, any number of customers.</summary>
    CustomerOffline,

    /// <summary>An invitation to bind a personal account to the partner as a member.</summary>
    Member,
}

/// <summary>Whether the link itself can still be accepted (the accepting account may still be refused, e.g. a customer already associated).</summary>
public enum InvitationLinkStatus
{
    Valid,
    Expired,
    Used,
}
