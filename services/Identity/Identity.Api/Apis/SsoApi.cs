using System.Security.Cryptography.X509Certificates;
using Identity.Api.Application.Sso;
using Identity.Api.Domain;
using Identity.Api.Domain.Sso;
using Identity.Api.Infrastructure.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Apis;

/// <summary>
/// Partner single sign-on over SAML 2.0 with the platform as service provider (ADR 0042): the SP
/// metadata, a partner's identity provider, SP-initiated sign-in, the ACS and the code exchange.
/// </summary>
public static class SsoApi
{
    public static IEndpointRouteBuilder MapSsoApi(this IEndpointRouteBuilder app)
    {
        var sso = app.MapGroup("/v2/sso/saml").WithTags("Single sign-on");
        sso.MapGet("/metadata", GetMetadata)
            .WithName("GetSamlServiceProviderMetadata")
            .WithSummary("The platform's SAML service provider metadata (获取SP Metadata文件), to import into a partner's identity provider")
            .AllowAnonymous()
            .Produces(StatusCodes.Status200OK, contentType: "application/samlmetadata+xml")
            .ProducesErrorCodes(IdentityErrors.SamlServiceProviderKeyMissing);
        sso.MapGet("/{partnerId:guid}/login", StartLoginAsync)
            .WithName("StartSamlLogin")
            .WithSummary("Redirect to the partner's identity provider with a signed AuthnRequest (HTTP-Redirect binding)")
            .AllowAnonymous()
            .WithRateLimit()
            .ProducesErrorCodes(IdentityErrors.SsoNotConfigured, IdentityErrors.SamlServiceProviderKeyMissing);
        sso.MapPost("/acs", AcceptResponseAsync)
            .WithName("SamlAssertionConsumerService")
            .WithSummary("The ACS (HTTP-POST binding): verifies the SAMLResponse, provisions the account, redirects to the frontend with a one-time code")
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithRateLimit()
            .ProducesErrorCodes(
                IdentityErrors.SamlResponseMalformed, IdentityErrors.SamlDtdRefused, IdentityErrors.SamlResponseUnsigned, IdentityErrors.SamlSignatureInvalid,
                IdentityErrors.SamlSignedElementMismatch, IdentityErrors.SamlAudienceMismatch, IdentityErrors.SamlRecipientMismatch, IdentityErrors.SamlExpired,
                IdentityErrors.SamlNotYetValid, IdentityErrors.SamlUnknownRequest, IdentityErrors.SamlReplay, IdentityErrors.SamlIssuerMismatch,
                IdentityErrors.SamlStatusNotSuccess, IdentityErrors.SamlAttributeInvalid, IdentityErrors.SsoNotConfigured, IdentityErrors.AccountNameExists,
                IdentityErrors.EmailExists, IdentityErrors.MobileExists, IdentityErrors.MobileLimitReached);
        sso.MapPost("/exchange", ExchangeAsync)
            .WithName("ExchangeSamlLoginCode")
            .WithSummary("Exchange the one-time code of a SAML sign-in for an access token and a refresh token")
            .AllowAnonymous()
            .WithRateLimit()
            .ProducesErrorCodes(IdentityErrors.SamlLoginCodeInvalid, IdentityErrors.AccountLockedOut);

        var partner = app.MapGroup("/v2/partners/sso/saml").WithTags("Single sign-on");
        partner.MapPut("/", ConfigureAsync)
            .WithName("ConfigureSamlIdentityProvider")
            .WithSummary("Upload (or replace) the partner's SAML identity provider metadata")
            .RequirePermission(PermissionItems.PartnerManage)
            .ProducesErrorCodes(
                IdentityErrors.SamlMetadataMalformed, IdentityErrors.SamlDtdRefused, IdentityErrors.SamlMetadataNoCertificate, IdentityErrors.SamlMetadataNoSsoService);
        partner.MapGet("/", GetAsync)
            .WithName("GetSamlIdentityProvider")
            .WithSummary("The partner's SAML identity provider")
            .RequirePartner()
            .ProducesErrorCodes(IdentityErrors.SsoNotConfigured);
        partner.MapDelete("/", RemoveAsync)
            .WithName("RemoveSamlIdentityProvider")
            .WithSummary("Remove the partner's SAML identity provider; sign-in through it stops at once")
            .RequirePermission(PermissionItems.PartnerManage)
            .ProducesErrorCodes(IdentityErrors.SsoNotConfigured);
        partner.MapGet("/changes", ListChangesAsync)
            .WithName("ListSamlIdentityProviderChanges")
            .WithSummary("The audit trail of the partner's identity provider configuration, newest first")
            .RequirePartner();
        return app;
    }

    public static ContentHttpResult GetMetadata(SamlLogin login) =>
        TypedResults.Content(login.Metadata(), "application/samlmetadata+xml");

    public static async Task<RedirectHttpResult> StartLoginAsync(Guid partnerId, [FromQuery(Name = "relay_state")] string? relayState, SamlLogin login, CancellationToken cancellationToken) =>
        TypedResults.Redirect(await login.StartAsync(partnerId, relayState, cancellationToken));

    public static async Task<RedirectHttpResult> AcceptResponseAsync(
        [FromForm(Name = "SAMLResponse")] string? samlResponse, [FromForm(Name = "RelayState")] string? relayState, SamlSignIn signIn, CancellationToken cancellationToken) =>
        TypedResults.Redirect(await signIn.AcceptAsync(samlResponse, relayState, cancellationToken));

    public static async Task<Ok<TokenResponse>> ExchangeAsync(SamlCodeExchangeRequest request, SamlSignIn signIn, CancellationToken cancellationToken) =>
        TypedResults.Ok(await signIn.ExchangeAsync(request.Code, cancellationToken));

    public static async Task<Ok<SamlIdentityProviderView>> ConfigureAsync(
        SamlIdentityProviderRequest request, CurrentCaller caller, SamlIdentityProviders providers, CancellationToken cancellationToken) =>
        TypedResults.Ok(SamlIdentityProviderView.From(await providers.ConfigureAsync(caller.GetPartnerGuid(), caller.GetUserGuid(), request.MetadataXml, cancellationToken)));

    public static async Task<Ok<SamlIdentityProviderView>> GetAsync(CurrentCaller caller, SamlIdentityProviders providers, CancellationToken cancellationToken) =>
        TypedResults.Ok(SamlIdentityProviderView.From(await providers.GetAsync(caller.GetPartnerGuid(), cancellationToken)));

    public static async Task<NoContent> RemoveAsync(CurrentCaller caller, SamlIdentityProviders providers, CancellationToken cancellationToken)
    {
        await providers.RemoveAsync(caller.GetPartnerGuid(), caller.GetUserGuid(), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<PagedResponse<SamlConfigurationChangeView>>> ListChangesAsync(
        PageRequest page, CurrentCaller caller, SamlIdentityProviders providers, CancellationToken cancellationToken) =>
        Views.Page("changes", await providers.ChangesAsync(caller.GetPartnerGuid(), page, cancellationToken), SamlConfigurationChangeView.From);
}

/// <summary>The identity provider's metadata: a SAML 2.0 EntityDescriptor with an IDPSSODescriptor.</summary>
public sealed record SamlIdentityProviderRequest(string? MetadataXml);

public sealed record SamlCodeExchangeRequest(string? Code);

/// <summary>A partner's identity provider; <c>login_url</c> is where its people start signing in.</summary>
public sealed record SamlIdentityProviderView(
    Guid PartnerId,
    string EntityId,
    string SingleSignOnUrl,
    IReadOnlyList<string> CertificateThumbprints,
    string LoginPath,
    string MetadataXml,
    DateTimeOffset UpdatedAt,
    Guid UpdatedBy)
{
    public static SamlIdentityProviderView From(SamlIdentityProvider provider) => new(
        provider.PartnerId,
        provider.EntityId,
        provider.SingleSignOnUrl,
        [.. provider.SigningCertificates.Select(Thumbprint)],
        $"/v2/sso/saml/{provider.PartnerId}/login",
        provider.MetadataXml,
        provider.UpdatedAt,
        provider.UpdatedBy);

    private static string Thumbprint(string certificate)
    {
        using var loaded = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(certificate));
        return SamlMetadata.Thumbprint(loaded);
    }
}

public sealed record SamlConfigurationChangeView(
    Guid ChangeId, SamlConfigurationAction Action, string EntityId, IReadOnlyList<string> CertificateThumbprints, Guid ChangedBy, DateTimeOffset ChangedAt)
{
    public static SamlConfigurationChangeView From(SamlConfigurationChange change) =>
        new(change.Id, change.Action, change.EntityId, change.CertificateThumbprints, change.ChangedBy, change.ChangedAt);
}
