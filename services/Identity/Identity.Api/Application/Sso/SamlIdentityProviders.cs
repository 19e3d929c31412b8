using Identity.Api.Data;
using Identity.Api.Domain.Sso;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application.Sso;

/// <summary>
/// A partner's SAML identity provider: uploaded as metadata by a partner administrator, read back,
/// removed. Every change is audited (<c>saml_configuration_changes</c>) and published.
/// </summary>
public sealed class SamlIdentityProviders(IdentityDbContext db, IOutbox outbox, IOptions<IdentityOptions> options, TimeProvider timeProvider)
{
    public async Task<SamlIdentityProvider> ConfigureAsync(Guid partnerId, Guid changedBy, string? metadataXml, CancellationToken cancellationToken)
    {
        var description = SamlMetadata.ReadIdentityProvider(metadataXml, options.Value.Saml.MaxDocumentLength);
        try
        {
            return await SaveAsync(partnerId, changedBy, metadataXml!, description, cancellationToken);
        }
        finally
        {
            foreach (var certificate in description.SigningCertificates)
            {
                certificate.Dispose();
            }
        }
    }

    private async Task<SamlIdentityProvider> SaveAsync(
        Guid partnerId, Guid changedBy, string metadataXml, SamlMetadata.IdentityProviderDescription description, CancellationToken cancellationToken)
    {
        var thumbprints = description.SigningCertificates.Select(SamlMetadata.Thumbprint).ToList();
        var now = timeProvider.Now();
        var provider = await db.SamlIdentityProviders.SingleOrDefaultAsync(p => p.PartnerId == partnerId, cancellationToken);
        if (provider is null)
        {
            provider = new SamlIdentityProvider
            {
                PartnerId = partnerId,
                EntityId = description.EntityId,
                SingleSignOnUrl = description.SingleSignOnUrl,
                SigningCertificates = [],
                MetadataXml = metadataXml,
            };
            db.SamlIdentityProviders.Add(provider);
        }

        provider.EntityId = description.EntityId;
        provider.SingleSignOnUrl = description.SingleSignOnUrl;
        provider.SigningCertificates = [.. description.SigningCertificates.Select(c => Convert.ToBase64String(c.RawData))];
        provider.MetadataXml = metadataXml;
        provider.UpdatedAt = now;
        provider.UpdatedBy = changedBy;
        Audit(partnerId, changedBy, SamlConfigurationAction.Configured, description.EntityId, thumbprints, now);
        outbox.Add(new PartnerSamlIdentityProviderConfigured(partnerId, description.EntityId, thumbprints, changedBy, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Two first uploads at once: the other one won; this one is a replacement made a moment later.
            db.ChangeTracker.Clear();
            return await SaveAsync(partnerId, changedBy, metadataXml, description, cancellationToken);
        }

        return provider;
    }

    public async Task<SamlIdentityProvider> GetAsync(Guid partnerId, CancellationToken cancellationToken) =>
        await db.SamlIdentityProviders.AsNoTracking().SingleOrDefaultAsync(p => p.PartnerId == partnerId, cancellationToken)
        ?? throw new ApiException(IdentityErrors.SsoNotConfigured);

    public async Task RemoveAsync(Guid partnerId, Guid changedBy, CancellationToken cancellationToken)
    {
        var provider = await db.SamlIdentityProviders.SingleOrDefaultAsync(p => p.PartnerId == partnerId, cancellationToken)
            ?? throw new ApiException(IdentityErrors.SsoNotConfigured);
        var now = timeProvider.Now();
        db.SamlIdentityProviders.Remove(provider);
        Audit(partnerId, changedBy, SamlConfigurationAction.Removed, provider.EntityId, [], now);
        outbox.Add(new PartnerSamlIdentityProviderRemoved(partnerId, provider.EntityId, changedBy, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ApiException(IdentityErrors.SsoNotConfigured);
        }
    }

    /// <summary>The audit trail of the partner's identity provider, newest first.</summary>
    public async Task<Listing<SamlConfigurationChange>> ChangesAsync(Guid partnerId, PageRequest page, CancellationToken cancellationToken)
    {
        var changes = db.SamlConfigurationChanges.AsNoTracking().Where(c => c.PartnerId == partnerId);
        return new Listing<SamlConfigurationChange>(
            await changes.CountAsync(cancellationToken),
            await changes.OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id).Skip(page.Offset).Take(page.Limit).ToListAsync(cancellationToken));
    }

    private void Audit(Guid partnerId, Guid changedBy, SamlConfigurationAction action, string entityId, List<string> thumbprints, DateTimeOffset now) =>
        db.SamlConfigurationChanges.Add(new SamlConfigurationChange
        {
            Id = Guid.CreateVersion7(now),
            PartnerId = partnerId,
            ChangedBy = changedBy,
            Action = action,
            EntityId = entityId,
            CertificateThumbprints = thumbprints,
            ChangedAt = now,
        });
}
