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
