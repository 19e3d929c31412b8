using Incentives.Api.Data;
using Incentives.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;

namespace Incentives.Api.Application;

/// <summary>
/// Project subsidies for projects opportunities-api approved or delivered. Projects of at least 1,000,000 CNY
/// a year (overseas: 125,000 USD) are subsidised only for partners holding a capability tag at the moment
/// they apply (seed); the tags are read then, never when the project arrived.
/// </summary>
public sealed class ProjectSubsidies(IncentivesDbContext db, TimeProvider time, IOptions<IncentivesOptions> options)
{
    public async Task<ProjectSubsidy> ApplyAsync(Guid partnerId, Guid projectId, CancellationToken cancellationToken)
    {
        var project = await db.SubsidyProjects.SingleOrDefaultAsync(p => p.ProjectId == projectId && p.PartnerId == partnerId, cancellationToken)
            ?? throw new ApiException(IncentivesErrors.ProjectNotApproved);
        var tags = await db.PartnerProfiles.Where(p => p.PartnerId == partnerId).Select(p => p.CapabilityTags).SingleOrDefaultAsync(cancellationToken) ?? [];
        var large = IsLarge(project);
        if (large && tags.Count == 0)
        {
            throw new ApiException(IncentivesErrors.CapabilityTagRequired);
        }

        var now = time.Now();
        var subsidy = new ProjectSubsidy
        {
            Id = Guid.CreateVersion7(now),
            ProjectId = projectId,
            PartnerId = partnerId,
            Status = SubsidyStatus.Applied,
            LargeProject = large,
            CapabilityTagsAtApplication = [.. tags],
            AppliedAt = now,
        };
        db.ProjectSubsidies.Add(subsidy);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            throw new ApiException(IncentivesErrors.SubsidyAlreadyApplied);
        }

        return subsidy;
    }

    public async Task<ProjectSubsidy> GetAsync(Guid partnerId, Guid subsidyId, CancellationToken cancellationToken) =>
        await db.ProjectSubsidies.SingleOrDefaultAsync(s => s.Id == subsidyId && s.PartnerId == partnerId, cancellationToken)
        ?? throw ApiException.NotFound();

    /// <summary>At or above the threshold of its market; an amount in a currency with no threshold counts as large (a tag is required).</summary>
    private bool IsLarge(SubsidyProject project) => (project.Overseas, project.Currency) switch
    {
        (false, "CNY") => project.AnnualCloudSpending >= options.Value.LargeProjectThresholdCny,
        (true, "USD") => project.AnnualCloudSpending >= options.Value.LargeProjectThresholdOverseasUsd,
        (true, "CNY") => project.AnnualCloudSpending >= options.Value.LargeProjectThresholdCny,
        _ => true,
    };
}
