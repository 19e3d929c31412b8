using Identity.Api.Data;
using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

/// <summary>
/// The facts about a customer's account that vendor staff record (unpaid partner orders, arrears,
/// freeze, reserved resources, balance, expiring resources): what disassociation and warnings read.
/// </summary>
public sealed class AccountFacts(IdentityDbContext db, TimeProvider timeProvider)
{
    /// <summary>Replaces all facts; an absent field means "none".</summary>
    public sealed record Facts(
        bool? UnpaidPartnerOrders,
        decimal? ArrearsAmount,
        bool? ManualFreeze,
        DateTimeOffset? ReservedResourcesUntil,
        decimal? Balance,
        DateTimeOffset? ResourcesExpiringAt);

    public async Task<CustomerAccountFacts> RecordAsync(Guid customerId, Facts request, Guid recordedBy, CancellationToken cancellationToken)
    {
        if (request.ArrearsAmount < 0)
        {
            throw FieldValidation.Refuse(ErrorCodes.ParameterOutOfRange, "arrears_amount", "arrears_amount must not be negative.");
        }

        if (!await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            throw ApiException.NotFound();
        }

        var facts = await db.CustomerAccountFacts.SingleOrDefaultAsync(f => f.CustomerId == customerId, cancellationToken);
        if (facts is null)
        {
            facts = new CustomerAccountFacts { CustomerId = customerId };
            db.CustomerAccountFacts.Add(facts);
        }

        facts.UnpaidPartnerOrders = request.UnpaidPartnerOrders ?? false;
        facts.ArrearsAmount = request.ArrearsAmount ?? 0;
        facts.ManualFreeze = request.ManualFreeze ?? false;
        facts.ReservedResourcesUntil = request.ReservedResourcesUntil;
        facts.Balance = request.Balance;
        facts.ResourcesExpiringAt = request.ResourcesExpiringAt;
        facts.UpdatedAt = timeProvider.Now();
        facts.UpdatedBy = recordedBy;
        await db.SaveChangesAsync(cancellationToken);
        return facts;
    }
}
