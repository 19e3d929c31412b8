using Microsoft.EntityFrameworkCore;
using Npgsql;
using Opportunities.Api.Data;
using Opportunities.Api.Domain;
using PartnerPlatform.ServiceDefaults;

namespace Opportunities.Api.Application;

public sealed record SolutionInput(string? Name = null, string? Description = null, string[]? Products = null);

/// <summary>A partner's own solution catalogue, which its POs reference.</summary>
public sealed class Solutions(OpportunitiesDbContext db, TimeProvider timeProvider)
{
    public async Task<PartnerSolution> CreateAsync(CurrentCaller caller, SolutionInput input, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        var now = timeProvider.Now();
        var solution = new PartnerSolution { Id = Guid.CreateVersion7(now), PartnerId = partnerId, Status = SolutionStatus.Active, CreatedAt = now, UpdatedAt = now };
        Apply(solution, input);
        db.Solutions.Add(solution);
        await SaveAsync(cancellationToken);
        return solution;
    }

    public async Task<PartnerSolution> UpdateAsync(CurrentCaller caller, Guid id, uint expectedVersion, SolutionInput input, CancellationToken cancellationToken)
    {
        var solution = await FindAsync(caller, id, cancellationToken);
        if (solution.Version != expectedVersion)
        {
            throw new ApiException(ErrorCodes.PreconditionFailed, "The solution changed since it was read.");
        }

        Apply(solution, input);
        solution.UpdatedAt = timeProvider.Now();
        db.Entry(solution).Property(s => s.Version).OriginalValue = expectedVersion;
        await SaveAsync(cancellationToken);
        return solution;
    }

    public async Task<PartnerSolution> RetireAsync(CurrentCaller caller, Guid id, CancellationToken cancellationToken)
    {
        var solution = await FindAsync(caller, id, cancellationToken);
        if (solution.Status == SolutionStatus.Retired)
        {
            throw ApiException.IllegalState("The solution is already retired.");
        }

        solution.Status = SolutionStatus.Retired;
        solution.UpdatedAt = timeProvider.Now();
        await db.SaveChangesAsync(cancellationToken);
        return solution;
    }

    public async Task<PartnerSolution> GetAsync(CurrentCaller caller, Guid id, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        return await db.Solutions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.PartnerId == partnerId, cancellationToken) ?? throw ApiException.NotFound();
    }

    public async Task<(long Total, List<PartnerSolution> Items)> ListAsync(CurrentCaller caller, PageRequest page, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        var query = db.Solutions.AsNoTracking().Where(s => s.PartnerId == partnerId);
        var total = await query.LongCountAsync(cancellationToken);
        return (total, await query.OrderBy(s => s.Name).Page(page).ToListAsync(cancellationToken));
    }

    private async Task<PartnerSolution> FindAsync(CurrentCaller caller, Guid id, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        return await db.Solutions.AsTracking().FirstOrDefaultAsync(s => s.Id == id && s.PartnerId == partnerId, cancellationToken) ?? throw ApiException.NotFound();
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw FieldValidation.Invalid("name", "The partner already has a solution with this name.");
        }
    }

    private static void Apply(PartnerSolution solution, SolutionInput input)
    {
        var errors = new FieldValidation();
        solution.Name = errors.RequiredText(input.Name, "name", 200);
        solution.Description = errors.RequiredText(input.Description, "description", 2000);
        solution.Products = [.. (input.Products ?? []).Select((p, i) => errors.Text(p, $"products[{i}]", 100)).OfType<string>().Distinct(StringComparer.Ordinal)];
        if (solution.Products.Length == 0)
        {
            errors.Add("products", "A solution names at least one product or offering.");
        }

        errors.ThrowIfAny();
    }
}
