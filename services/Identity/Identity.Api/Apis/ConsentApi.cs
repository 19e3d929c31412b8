using Identity.Api.Application;
using Identity.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Apis;

/// <summary>
/// The documents a customer accepts to join a partner through a link, and the consent records:
/// the customer sees its own, vendor staff see any customer's, partners see none.
/// </summary>
public static class ConsentApi
{
    public static IEndpointRouteBuilder MapConsentApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/partners/sub-customers/consent-documents", GetDocumentsInForce)
            .WithTags("Customer self-service")
            .WithName("GetConsentDocumentsInForce")
            .WithSummary("The user agreement, privacy policy and account-data transfer versions in force, which accepting an invitation requires");
        app.MapGet("/v2/partners/sub-customers/me/consents", ListMineAsync)
            .WithTags("Customer self-service")
            .WithName("ListMyConsents")
            .WithSummary("What the signed-in customer accepted when it joined partners: documents and versions, data transferred, when and from where");
        app.MapGet("/v2/vendor/partners/customers/{customerId:guid}/consents", ListForCustomerAsync)
            .WithTags("Vendor: customers")
            .WithName("VendorListCustomerConsents")
            .WithSummary("A customer's consent records, newest first")
            .RequireVendorRole(VendorPartnersApi.AnyStaff);
        return app;
    }

    /// <summary>What the customer accepted, with the request's client address and user agent.</summary>
    public static Consents.Acceptance Acceptance(IReadOnlyList<AcceptedDocumentRequest>? documents, HttpContext http) => new(
        documents?.Select(d => new Consents.AcceptedDocument(d.Kind, d.Version)).ToList(),
        http.Connection.RemoteIpAddress?.ToString(),
        http.Request.Headers.UserAgent.ToString());

    public static Ok<ConsentDocumentsView> GetDocumentsInForce(Consents consents) =>
        TypedResults.Ok(ConsentDocumentsView.From(consents.DocumentsInForce()));

    public static async Task<Ok<PagedResponse<CustomerConsentView>>> ListMineAsync(
        PageRequest page, CurrentCaller caller, Consents consents, CancellationToken cancellationToken) =>
        Views.Page("consents", await consents.ListForCustomerAsync(caller.GetCustomerGuid(), page, cancellationToken), CustomerConsentView.From);

    public static async Task<Ok<PagedResponse<CustomerConsentView>>> ListForCustomerAsync(
        Guid customerId, PageRequest page, Consents consents, CancellationToken cancellationToken) =>
        Views.Page("consents", await consents.ListForStaffAsync(customerId, page, cancellationToken), CustomerConsentView.From);
}

/// <summary>One accepted document in the accept-invitation request: <c>{kind, version}</c>.</summary>
public sealed record AcceptedDocumentRequest(string? Kind = null, string? Version = null);

public sealed record ConsentDocumentView(ConsentDocumentKind Kind, string Version, DateTimeOffset EffectiveFrom);

public sealed record ConsentDocumentsView(IReadOnlyList<ConsentDocumentView> Documents, IReadOnlyList<string> TransferredData)
{
    public static ConsentDocumentsView From(Consents.InForce inForce) =>
        new([.. inForce.Documents.Select(d => new ConsentDocumentView(d.Kind, d.Version, d.EffectiveFrom))], inForce.TransferredData);
}

/// <summary>A consent record as the customer and vendor staff see it.</summary>
public sealed record CustomerConsentView(
    Guid ConsentId,
    Guid CustomerId,
    Guid PartnerId,
    string PartnerName,
    Guid InvitationId,
    DateTimeOffset AcceptedAt,
    string? ClientIp,
    string? UserAgent,
    IReadOnlyList<ConsentDocumentView> Documents,
    IReadOnlyList<string> TransferredData)
{
    public static CustomerConsentView From(Consents.ConsentWithPartner item)
    {
        var c = item.Consent;
        return new(
            c.Id,
            c.CustomerId,
            c.PartnerId,
            item.PartnerName,
            c.InvitationId,
            c.AcceptedAt,
            c.ClientIp,
            c.UserAgent,
            [.. c.Documents.OrderBy(d => d.Kind).Select(d => new ConsentDocumentView(d.Kind, d.Version, d.EffectiveFrom))],
            c.TransferredData);
    }
}
