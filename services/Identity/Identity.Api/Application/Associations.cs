using Identity.Api.Data;
using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

/// <summary>
/// Opens associations. The open-association unique index lets exactly one partner win when two
/// try to associate the same customer at the same time.
/// </summary>
public sealed class Associations(IdentityDbContext db, IOutbox outbox, TimeProvider timeProvider)
{
    public const string AlreadyAssociated = "customer_already_associated";
    public const string RegisteredByAnotherPartner = "registered_by_another_partner";

    public sealed record Request(
        Guid CustomerId, Guid PartnerId, Guid? DistributorId, AssociationType Type, AssociationSource Source, Guid? InvitedBy);

    /// <summary>
    /// Opens the association and publishes <see cref="CustomerAssociated"/> in one save (with whatever
    /// else the caller has staged); null with a failure reason when it cannot, and then nothing staged is kept.
    /// </summary>
    public async Task<(Association? Association, string? FailureReason)> TryAssociateAsync(Request request, CancellationToken cancellationToken)
    {
        if (await db.Associations.AnyAsync(a => a.CustomerId == request.CustomerId && a.EndedAt == null, cancellationToken))
        {
            db.ChangeTracker.Clear();
            return (null, AlreadyAssociated);
        }

        var now = timeProvider.Now();
        var association = new Association
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = request.CustomerId,
            PartnerId = request.PartnerId,
            DistributorId = request.DistributorId,
            Type = request.Type,
            Source = request.Source,
            InvitedBy = request.InvitedBy,
            AssociatedAt = now,
        };
        db.Associations.Add(association);
        outbox.Add(ToEvent(association, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation(IdentityDbContext.OpenAssociationIndex))
        {
            db.ChangeTracker.Clear();
            return (null, AlreadyAssociated);
        }

        return (association, null);
    }

    /// <summary>The event, with the calling distributor as partner and the reseller as indirect partner when a distributor acted.</summary>
    public static CustomerAssociated ToEvent(Association association, DateTimeOffset occurredAt) => association.DistributorId is { } distributor
        ? new CustomerAssociated(distributor, association.CustomerId, SnakeCaseNames.Of(association.Type), association.PartnerId, occurredAt)
        : new CustomerAssociated(association.PartnerId, association.CustomerId, SnakeCaseNames.Of(association.Type), null, occurredAt);

    /// <summary>The customer's open association (404 CBC.0156 when it has no partner).</summary>
    public Task<Association> OpenForCustomerAsync(Guid customerId, CancellationToken cancellationToken) => db.OpenAssociationAsync(customerId, cancellationToken);
}
