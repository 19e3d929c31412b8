using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;
using Resellers.Api.Data;
using Resellers.Api.Domain;

namespace Resellers.Api.Application;

public sealed record JoinFactsRequest(bool HasArrears, bool HasCreditAccount, bool IsFrozen, bool IsAssociatedCustomer, string? Note = null);

/// <summary>What vendor staff recorded about an account (null before the first record) and the blockers that follow.</summary>
public sealed record RecordedJoinFacts(Guid PartnerId, JoinFacts? Facts, IReadOnlyList<JoinBlockerReason> Blockers)
{
    /// <summary>The row version the ETag carries; 0 before the first record (If-Match <c>"0"</c> creates it).</summary>
    public uint Version => Facts?.Version ?? 0;
}

/// <summary>The facts vendor staff record that block joining: arrears, a credit account, frozen, an associated customer.</summary>
public sealed class JoinFactsRecords(ResellersDbContext db, JoinEligibility eligibility, TimeProvider timeProvider)
{
    public async Task<RecordedJoinFacts> GetAsync(Guid partnerId, CancellationToken ct)
    {
        var facts = await db.JoinFacts.AsNoTracking().SingleOrDefaultAsync(f => f.PartnerId == partnerId, ct);
        return new RecordedJoinFacts(partnerId, facts, await eligibility.BlockersAsync(partnerId, null, ct));
    }

    public async Task<RecordedJoinFacts> RecordAsync(
        CurrentCaller caller, Guid partnerId, JoinFactsRequest request, VersionCheck ifMatch, CancellationToken ct)
    {
        var validation = new FieldValidation();
        var note = validation.Text(request.Note, "note", 500);
        validation.ThrowIfAny();

        var facts = await db.JoinFacts.SingleOrDefaultAsync(f => f.PartnerId == partnerId, ct);
        ifMatch(facts?.Version ?? 0);
        if (facts is null)
        {
            facts = new JoinFacts { PartnerId = partnerId };
            db.JoinFacts.Add(facts);
        }

        facts.HasArrears = request.HasArrears;
        facts.HasCreditAccount = request.HasCreditAccount;
        facts.IsFrozen = request.IsFrozen;
        facts.IsAssociatedCustomer = request.IsAssociatedCustomer;
        facts.Note = note;
        facts.RecordedBy = caller.GetUserGuid();
        facts.RecordedAt = timeProvider.Now();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Someone recorded the first facts at the same moment: our "0" is stale.
            throw new ApiException(ErrorCodes.PreconditionFailed);
        }

        return new RecordedJoinFacts(partnerId, facts, await eligibility.BlockersAsync(partnerId, null, ct));
    }
}
