using Identity.Api.Data;
using Identity.Api.Data.Configurations;
using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

/// <summary>
/// The consent a customer gives when it joins a partner through a link: the documents in force
/// (configuration: versions and the dates they come into force), checked against what the
/// customer accepted, and recorded in the same save as the association.
/// </summary>
public sealed class Consents(IdentityDbContext db, IOutbox outbox, IOptions<IdentityOptions> options, TimeProvider timeProvider)
{
    public static readonly IReadOnlyList<ConsentDocumentKind> RequiredKinds = Enum.GetValues<ConsentDocumentKind>();

    /// <summary>A document and version the customer says it accepted, as the request carries it.</summary>
    public sealed record AcceptedDocument(string? Kind, string? Version);

    /// <summary>What the customer accepted and where the request came from.</summary>
    public sealed record Acceptance(IReadOnlyList<AcceptedDocument>? Documents, string? ClientIp, string? UserAgent);

    /// <summary>The documents in force now and the account data the transfer covers.</summary>
    public sealed record InForce(IReadOnlyList<ConsentDocumentVersion> Documents, IReadOnlyList<string> TransferredData);

    public InForce DocumentsInForce()
    {
        var now = timeProvider.Now();
        var consent = options.Value.Consent;
        var documents = RequiredKinds.Select(kind => consent.Documents
                .Where(d => d.Kind == kind && d.EffectiveFrom <= now)
                .MaxBy(d => d.EffectiveFrom)
                ?? throw new InvalidOperationException($"No version of the {SnakeCaseNames.Of(kind)} document is in force: configure Identity:Consent:Documents."))
            .ToList();
        return new(documents, consent.TransferredData);
    }

    /// <summary>
    /// Checks the acceptance against the documents in force: 400 CBC.99001050 when a document is
    /// not accepted, 409 CBC.99001051 when an accepted version is not the one in force.
    /// </summary>
    public InForce Check(Acceptance acceptance)
    {
        var accepted = new Dictionary<ConsentDocumentKind, string>();
        var validation = new FieldValidation();
        foreach (var document in acceptance.Documents ?? [])
        {
            var kind = ParseKind(document.Kind);
            var version = Rules.Clean(document.Version);
            validation.Check(kind is not null, "accepted_documents", $"kind is one of {string.Join(", ", RequiredKinds.Select(k => SnakeCaseNames.Of(k)))}.");
            validation.Check(version is not null, "accepted_documents", "version is required for each accepted document.");
            if (kind is { } known && version is not null)
            {
                accepted[known] = version;
            }
        }

        validation.ThrowIfAny();
        var inForce = DocumentsInForce();
        var missing = inForce.Documents.Where(d => !accepted.ContainsKey(d.Kind)).Select(d => SnakeCaseNames.Of(d.Kind)).ToList();
        if (missing.Count > 0)
        {
            throw FieldValidation.Refuse(IdentityErrors.ConsentRequired, "accepted_documents", $"Not accepted: {string.Join(", ", missing)}.");
        }

        var outdated = inForce.Documents.Where(d => accepted[d.Kind] != d.Version).ToList();
        if (outdated.Count > 0)
        {
            throw FieldValidation.Refuse(
                IdentityErrors.ConsentVersionNotInForce,
                "accepted_documents",
                string.Join(" ", outdated.Select(d => $"The {SnakeCaseNames.Of(d.Kind)} in force is version {d.Version}.")));
        }

        return inForce;
    }

    /// <summary>Stages the record and its event; the caller's save (the association's) writes them, or nothing is written.</summary>
    public CustomerConsent Stage(Guid customerId, Guid accountId, Guid partnerId, Guid invitationId, InForce inForce, Acceptance acceptance)
    {
        var now = timeProvider.Now();
        var consentId = Guid.CreateVersion7(now);
        var consent = new CustomerConsent
        {
            Id = consentId,
            CustomerId = customerId,
            AccountId = accountId,
            PartnerId = partnerId,
            InvitationId = invitationId,
            AcceptedAt = now,
            ClientIp = Truncate(acceptance.ClientIp, CustomerConsentConfiguration.ClientIpMaxLength),
            UserAgent = Truncate(acceptance.UserAgent, CustomerConsentConfiguration.UserAgentMaxLength),
            TransferredData = [.. inForce.TransferredData],
            Documents = [.. inForce.Documents.Select(d => new CustomerConsentDocument { ConsentId = consentId, Kind = d.Kind, Version = d.Version, EffectiveFrom = d.EffectiveFrom })],
        };
        db.CustomerConsents.Add(consent);
        string VersionOf(ConsentDocumentKind kind) => consent.Documents.Single(d => d.Kind == kind).Version;
        outbox.Add(new CustomerConsentRecorded(
            consent.Id,
            customerId,
            partnerId,
            VersionOf(ConsentDocumentKind.UserAgreement),
            VersionOf(ConsentDocumentKind.PrivacyPolicy),
            VersionOf(ConsentDocumentKind.AccountDataTransfer),
            now));
        return consent;
    }

    /// <summary>A consent with the name of the partner it was given to.</summary>
    public sealed record ConsentWithPartner(CustomerConsent Consent, string PartnerName);

    /// <summary>A customer's consents, newest first.</summary>
    public async Task<Listing<ConsentWithPartner>> ListForCustomerAsync(Guid customerId, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.CustomerConsents.AsNoTracking().Where(c => c.CustomerId == customerId);
        var total = await query.CountAsync(cancellationToken);
        var consents = await query.Include(c => c.Documents)
            .OrderByDescending(c => c.AcceptedAt).ThenByDescending(c => c.Id)
            .Page(page)
            .ToListAsync(cancellationToken);
        var partnerIds = consents.Select(c => c.PartnerId).Distinct().ToList();
        var names = await db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.CompanyName, cancellationToken);
        return new(total, [.. consents.Select(c => new ConsentWithPartner(c, names.GetValueOrDefault(c.PartnerId, "")))]);
    }

    /// <summary>A customer's consents for vendor staff: 404 CBC.0156 for an unknown customer.</summary>
    public async Task<Listing<ConsentWithPartner>> ListForStaffAsync(Guid customerId, PageRequest page, CancellationToken cancellationToken) =>
        await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken)
            ? await ListForCustomerAsync(customerId, page, cancellationToken)
            : throw ApiException.NotFound();

    private static ConsentDocumentKind? ParseKind(string? kind) =>
        RequiredKinds.Cast<ConsentDocumentKind?>().FirstOrDefault(k => SnakeCaseNames.Of(k!.Value) == Rules.Clean(kind)?.ToLowerInvariant());

    private static string? Truncate(string? value, int maxLength) =>
        Rules.Clean(value) is { } clean ? clean[..Math.Min(clean.Length, maxLength)] : null;
}
