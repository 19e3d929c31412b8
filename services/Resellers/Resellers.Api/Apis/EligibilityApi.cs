using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;
using Resellers.Api.Application;
using Resellers.Api.Data;
using Resellers.Api.Domain;
using Resellers.Api.Infrastructure;

namespace Resellers.Api.Apis;

/// <summary>One reason an account may not join: <c>already_solution_provider</c>, <c>associated_customer</c>, <c>arrears_or_credit_account</c>, <c>frozen</c>.</summary>
public sealed record JoinBlockerView(string Reason, string ErrorCode, string ErrorMsg);

public sealed record EligibilityView(Guid PartnerId, bool Eligible, IReadOnlyList<JoinBlockerView> Blockers);

public sealed record JoinFactsView(
    Guid PartnerId,
    bool HasArrears,
    bool HasCreditAccount,
    bool IsFrozen,
    bool IsAssociatedCustomer,
    string? Note,
    DateTimeOffset? RecordedAt,
    IReadOnlyList<JoinBlockerView> Blockers);

public sealed record JoinFactsRequest(bool HasArrears, bool HasCreditAccount, bool IsFrozen, bool IsAssociatedCustomer, string? Note = null);

/// <summary>Join blockers: what the caller may do now, and the facts vendor staff record.</summary>
public static class EligibilityApi
{
    /// <summary>The ETag of facts never recorded; If-Match with it creates them.</summary>
    public const string AbsentETag = "\"0\"";

    public static IEndpointRouteBuilder MapEligibilityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(LinksApi.Prefix).WithTags("Eligibility");

        api.MapGet("/join-eligibility", GetEligibilityAsync)
            .WithName("GetJoinEligibility")
            .WithSummary("Whether the calling account may join the distribution plan now, with every blocker's reason")
            .RequirePartner();

        api.MapGet("/join-facts/{partner_id:guid}", GetFactsAsync)
            .WithName("GetJoinFacts")
            .WithSummary("Vendor staff: the recorded facts (arrears, credit account, frozen, associated customer) and the resulting blockers")
            .RequireVendorRole(CallerExtensions.VendorRoles);

        api.MapPut("/join-facts/{partner_id:guid}", PutFactsAsync)
            .WithName("RecordJoinFacts")
            .WithSummary("Vendor staff: record the facts that block joining; If-Match with the ETag read (\"0\" when none yet)")
            .RequireVendorRole(CallerExtensions.VendorRoles);

        return app;
    }

    private static async Task<Ok<EligibilityView>> GetEligibilityAsync(
        CurrentCaller caller, JoinEligibility eligibility, CancellationToken ct,
        [FromQuery(Name = "distributor_partner_id")] Guid? distributorPartnerId = null)
    {
        var partner = caller.PartnerGuid();
        var blockers = await eligibility.BlockersAsync(partner, distributorPartnerId, ct);
        return TypedResults.Ok(new EligibilityView(partner, blockers.Count == 0, Describe(blockers)));
    }

    private static async Task<Ok<JoinFactsView>> GetFactsAsync(
        [FromRoute(Name = "partner_id")] Guid partnerId, ResellersDbContext db, JoinEligibility eligibility, HttpContext http, CancellationToken ct)
    {
        var facts = await db.JoinFacts.AsNoTracking().SingleOrDefaultAsync(f => f.PartnerId == partnerId, ct);
        http.Response.SetETag(facts is null ? AbsentETag : ETags.FromVersion(facts.Version));
        return TypedResults.Ok(await ViewAsync(partnerId, facts, eligibility, ct));
    }

    private static async Task<Ok<JoinFactsView>> PutFactsAsync(
        [FromRoute(Name = "partner_id")] Guid partnerId, JoinFactsRequest request, CurrentCaller caller,
        ResellersDbContext db, JoinEligibility eligibility, TimeProvider timeProvider, HttpContext http, CancellationToken ct)
    {
        var validation = new Validation();
        var note = validation.Text("note", request.Note, 500);
        validation.ThrowIfAny();

        var facts = await db.JoinFacts.SingleOrDefaultAsync(f => f.PartnerId == partnerId, ct);
        http.Request.EnsureIfMatch(facts is null ? AbsentETag : ETags.FromVersion(facts.Version));
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
        facts.RecordedBy = caller.UserGuid();
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

        http.Response.SetETag(ETags.FromVersion(facts.Version));
        return TypedResults.Ok(await ViewAsync(partnerId, facts, eligibility, ct));
    }

    private static async Task<JoinFactsView> ViewAsync(Guid partnerId, JoinFacts? facts, JoinEligibility eligibility, CancellationToken ct)
    {
        var blockers = await eligibility.BlockersAsync(partnerId, null, ct);
        return new JoinFactsView(
            partnerId,
            facts?.HasArrears ?? false,
            facts?.HasCreditAccount ?? false,
            facts?.IsFrozen ?? false,
            facts?.IsAssociatedCustomer ?? false,
            facts?.Note,
            facts?.RecordedAt,
            Describe(blockers));
    }

    private static List<JoinBlockerView> Describe(IEnumerable<JoinBlockerReason> blockers) =>
        [.. blockers.Select(b => new JoinBlockerView(Names.Snake(b), JoinBlockers.ErrorFor(b).Code, JoinBlockers.ErrorFor(b).Message))];
}
