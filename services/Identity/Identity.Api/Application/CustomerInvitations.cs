using System.Security.Cryptography;
using Identity.Api.Data;
using Identity.Api.Domain;
using Identity.Api.Infrastructure.Notifications;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;
using QRCoder;

namespace Identity.Api.Application;

/// <summary>
/// Online invitations (by email, for a pre-registered customer, 7 days, single use) and offline
/// ones (a link or QR code that never expires and tags the inviting member). Links carry the
/// invitation id protected by Data Protection, so they cannot be forged or guessed.
/// </summary>
public sealed class CustomerInvitations(
    IdentityDbContext db,
    Associations associations,
    Prospects prospects,
    Consents consents,
    INotificationSender notifications,
    IDataProtectionProvider dataProtection,
    IOptions<IdentityOptions> options,
    IOptions<NotificationOptions> notificationOptions,
    TimeProvider timeProvider)
{
    private readonly IDataProtector _tokens = dataProtection.CreateProtector("Identity.CustomerInvitation");

    public async Task<CustomerInvitation> SendOnlineAsync(Guid partnerId, Guid invitedBy, Guid prospectId, CancellationToken cancellationToken)
    {
        var now = timeProvider.Now();
        var prospect = await db.Prospects.SingleOrDefaultAsync(p => p.Id == prospectId && p.PartnerId == partnerId, cancellationToken)
            ?? throw ApiException.NotFound();
        if (!prospect.IsPending(now))
        {
            throw ApiException.IllegalState("The pre-registration is no longer pending: its protection lapsed or the customer is associated.");
        }

        if (prospect.Email is null)
        {
            throw new ApiException(IdentityErrors.ProspectHasNoEmail);
        }

        var invitation = new CustomerInvitation
        {
            Id = Guid.CreateVersion7(now),
            PartnerId = partnerId,
            Kind = CustomerInvitationKind.Online,
            ProspectId = prospect.Id,
            AssociationType = prospect.AssociationType,
            InvitedBy = invitedBy,
            CreatedAt = now,
            ExpiresAt = now + options.Value.OnlineInvitationLifetime,
        };
        db.CustomerInvitations.Add(invitation);
        prospect.Status = ProspectStatus.Invited;
        prospect.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);

        await notifications.SendAsync(
            new Notification(
                NotificationChannel.Email,
                prospect.Email,
                "Invitation to associate with your partner",
                $"Dear {prospect.ContactName}, you are invited to associate your cloud account with your partner. " +
                $"Open {Link(invitation)} before {invitation.ExpiresAt:yyyy-MM-dd HH:mm} UTC."),
            cancellationToken);
        return invitation;
    }

    public async Task<CustomerInvitation> CreateOfflineAsync(Guid partnerId, Guid invitedBy, AssociationType type, CancellationToken cancellationToken)
    {
        var now = timeProvider.Now();
        var invitation = new CustomerInvitation
        {
            Id = Guid.CreateVersion7(now),
            PartnerId = partnerId,
            Kind = CustomerInvitationKind.Offline,
            AssociationType = type,
            InvitedBy = invitedBy,
            CreatedAt = now,
        };
        db.CustomerInvitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        return invitation;
    }

    /// <summary>The invitation link as a PNG QR code.</summary>
    public async Task<byte[]> QrCodeAsync(Guid partnerId, Guid invitationId, CancellationToken cancellationToken)
    {
        var invitation = await db.CustomerInvitations.AsNoTracking()
            .SingleOrDefaultAsync(i => i.Id == invitationId && i.PartnerId == partnerId && i.Kind == CustomerInvitationKind.Offline, cancellationToken)
            ?? throw ApiException.NotFound();
        using var data = QRCodeGenerator.GenerateQrCode(Link(invitation), QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }

    public string Link(CustomerInvitation invitation) =>
        $"{notificationOptions.Value.PublicBaseUrl.TrimEnd('/')}/customer/invitations?token={_tokens.Protect(invitation.Id.ToString("N"))}";

    /// <summary>
    /// The customer accepts: the failure reasons are a missing, expired or used link, a customer
    /// already associated, or a customer another partner has registered. The customer's consent
    /// (the documents in force) is required and recorded with the association, or nothing is.
    /// </summary>
    public async Task<Association> AcceptAsync(Guid customerId, Guid accountId, string? link, Consents.Acceptance consent, CancellationToken cancellationToken)
    {
        var token = Rules.Clean(link) ?? throw FieldValidation.Invalid("token", "token is required.");
        var documentsInForce = consents.Check(consent);
        var now = timeProvider.Now();
        var invitation = await FindAsync(token, cancellationToken) ?? throw new ApiException(IdentityErrors.InvitationInvalid);
        if (invitation.Kind == CustomerInvitationKind.Online)
        {
            if (invitation.UsedAt is not null)
            {
                throw new ApiException(IdentityErrors.InvitationUsed);
            }

            if (invitation.ExpiresAt <= now)
            {
                throw new ApiException(IdentityErrors.InvitationExpired);
            }
        }

        var customer = await db.Customers.SingleAsync(c => c.Id == customerId, cancellationToken);
        if (await db.Associations.AnyAsync(a => a.CustomerId == customerId && a.EndedAt == null, cancellationToken))
        {
            throw new ApiException(IdentityErrors.CustomerAlreadyAssociated);
        }

        if (await prospects.ClaimedByAnotherPartnerAsync(invitation.PartnerId, customer, cancellationToken))
        {
            throw new ApiException(IdentityErrors.ProspectConflict, "The customer is registered by another partner.");
        }

        if (invitation.Kind == CustomerInvitationKind.Online)
        {
            invitation.UsedAt = now;
            invitation.UsedByCustomerId = customerId;
            var prospect = await db.Prospects.SingleAsync(p => p.Id == invitation.ProspectId, cancellationToken);
            prospect.Status = ProspectStatus.Associated;
            prospect.CustomerId = customerId;
            prospect.UpdatedAt = now;
            customer.DisplayName ??= prospect.CompanyName;
        }

        consents.Stage(customerId, accountId, invitation.PartnerId, invitation.Id, documentsInForce, consent);
        try
        {
            var (association, failure) = await associations.TryAssociateAsync(
                new Associations.Request(
                    customerId,
                    invitation.PartnerId,
                    DistributorId: null,
                    invitation.AssociationType,
                    invitation.Kind == CustomerInvitationKind.Online ? AssociationSource.OnlineInvitation : AssociationSource.OfflineInvitation,
                    invitation.InvitedBy),
                cancellationToken);
            return association ?? throw new ApiException(failure == Associations.AlreadyAssociated
                ? IdentityErrors.CustomerAlreadyAssociated
                : IdentityErrors.ProspectConflict);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another customer used this single-use link at the same moment.
            throw new ApiException(IdentityErrors.InvitationUsed);
        }
    }

    /// <summary>
    /// The invitation behind a link and its partner's name, read without tracking so nothing about
    /// it changes. A link that is not ours or names no invitation is 400 CBC.99000053 either way.
    /// </summary>
    public async Task<(CustomerInvitation Invitation, string PartnerName)> PreviewAsync(string? link, CancellationToken cancellationToken)
    {
        var token = Rules.Clean(link) ?? throw FieldValidation.Invalid("token", "token is required.");
        var id = InvitationId(token);
        var found = id is null ? null : await db.CustomerInvitations.AsNoTracking()
            .Where(i => i.Id == id)
            .Join(db.Partners, i => i.PartnerId, p => p.Id, (i, p) => new { Invitation = i, p.CompanyName })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? throw new ApiException(IdentityErrors.InvitationInvalid) : (found.Invitation, found.CompanyName);
    }

    private async Task<CustomerInvitation?> FindAsync(string token, CancellationToken cancellationToken) =>
        InvitationId(token) is { } id ? await db.CustomerInvitations.SingleOrDefaultAsync(i => i.Id == id, cancellationToken) : null;

    /// <summary>The invitation id a link carries; null when the link was not protected by us.</summary>
    private Guid? InvitationId(string token)
    {
        try
        {
            return Guid.TryParseExact(_tokens.Unprotect(token), "N", out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
