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
