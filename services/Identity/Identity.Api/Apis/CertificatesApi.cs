using Identity.Api.Application;
using Identity.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Apis;

/// <summary>
/// Certificates on a personal account, shared with the partners it is bound to (证书信息将同步共享给伙伴):
/// the person adds and lists its own and may leave a partner; the partner lists what is shared with it.
/// </summary>
public static class CertificatesApi
{
    public static IEndpointRouteBuilder MapCertificatesApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/v2/partners/members/me").WithTags("Org members");
        me.MapPost("/certificates", AddAsync)
            .WithName("AddMyCertificate")
            .WithSummary("Add an HCIA, HCIP or HCIE certificate to the signed-in personal account; partners it is bound to see it")
            .ProducesErrorCodes(IdentityErrors.UnknownCertificateLevel, IdentityErrors.CertificateExpiryBeforeIssue, IdentityErrors.CertificateNumberExists);
        me.MapGet("/certificates", ListMineAsync)
            .WithName("ListMyCertificates")
            .WithSummary("The signed-in personal account's certificates, soonest expiry first");
        me.MapGet("/partners", ListBoundPartnersAsync)
            .WithName("ListMyBoundPartners")
            .WithSummary("The partners the signed-in personal account is bound to, which see its certificates");
        me.MapDelete("/partners/{partnerId:guid}", LeaveAsync)
            .WithName("LeavePartnerOrganisation")
            .WithSummary("The signed-in personal account leaves a partner it is bound to; its certificates are no longer shared with it")
            .ProducesErrorCodes();

        app.MapGet("/v2/partners/members/certificates", ListSharedAsync)
            .WithTags("Org members")
            .WithName("ListMembersCertificates")
            .WithSummary("Certificates shared by the personal accounts bound to the partner, by level and expiring within a number of days, soonest expiry first")
            .RequirePermission(PermissionItems.MembersManage)
            .ProducesErrorCodes(IdentityErrors.UnknownCertificateLevel);
        return app;
    }

    public static async Task<Created<CertificateView>> AddAsync(AddCertificateRequest request, CurrentCaller caller, Certificates certificates, CancellationToken cancellationToken) =>
        TypedResults.Created("/v2/partners/members/me/certificates", CertificateView.From(await certificates.AddAsync(caller.GetUserGuid(), request.ToNewCertificate(), cancellationToken)));

    public static async Task<Ok<PagedResponse<CertificateView>>> ListMineAsync(PageRequest page, CurrentCaller caller, Certificates certificates, CancellationToken cancellationToken) =>
        Views.Page("certificates", await certificates.ListMineAsync(caller.GetUserGuid(), page, cancellationToken), CertificateView.From);

    public static async Task<Ok<BoundPartnersView>> ListBoundPartnersAsync(CurrentCaller caller, Certificates certificates, CancellationToken cancellationToken) =>
        TypedResults.Ok(new BoundPartnersView([.. (await certificates.BoundPartnersAsync(caller.GetUserGuid(), cancellationToken)).Select(p => new BoundPartnerView(p.PartnerId, p.CompanyName, p.BoundAt))]));

    public static async Task<NoContent> LeaveAsync(Guid partnerId, CurrentCaller caller, Certificates certificates, CancellationToken cancellationToken)
    {
        await certificates.LeaveAsync(caller.GetUserGuid(), partnerId, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<PagedResponse<SharedCertificateView>>> ListSharedAsync(
        PageRequest page, [FromQuery] string? level, [FromQuery(Name = "expiring_within_days")] int? expiringWithinDays, CurrentCaller caller, Certificates certificates, CancellationToken cancellationToken) =>
        Views.Page("certificates", await certificates.ListSharedAsync(caller.GetPartnerGuid(), page, level, expiringWithinDays, cancellationToken), SharedCertificateView.From);
}

/// <summary><c>level</c>: hcia, hcip or hcie; <c>issued_on</c>/<c>expires_on</c>: dates (<c>2026-03-01</c>).</summary>
public sealed record AddCertificateRequest(string? Level = null, string? Track = null, string? Number = null, DateOnly? IssuedOn = null, DateOnly? ExpiresOn = null)
{
    public Certificates.NewCertificate ToNewCertificate() => new(Level, Track, Number, IssuedOn, ExpiresOn);
}

public sealed record CertificateView(Guid CertificateId, CertificateLevel Level, string Track, string Number, DateOnly IssuedOn, DateOnly ExpiresOn, DateTimeOffset CreatedAt)
{
    public static CertificateView From(MemberCertificate c) => new(c.Id, c.Level, c.Track, c.Number, c.IssuedOn, c.ExpiresOn, c.CreatedAt);
}

/// <summary>A certificate as the partner sees it, with the account that holds it.</summary>
public sealed record SharedCertificateView(
    Guid CertificateId, Guid HolderAccountId, string HolderUserName, string? HolderDisplayName, CertificateLevel Level, string Track, string Number, DateOnly IssuedOn, DateOnly ExpiresOn)
{
    public static SharedCertificateView From(Certificates.SharedCertificate s) => new(
        s.Certificate.Id, s.Certificate.AccountId, s.HolderUserName, s.HolderDisplayName, s.Certificate.Level, s.Certificate.Track, s.Certificate.Number, s.Certificate.IssuedOn, s.Certificate.ExpiresOn);
}

public sealed record BoundPartnerView(Guid PartnerId, string CompanyName, DateTimeOffset BoundAt);

public sealed record BoundPartnersView(IReadOnlyList<BoundPartnerView> Partners);
