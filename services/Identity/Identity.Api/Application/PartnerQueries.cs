using Identity.Api.Data;
using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

/// <summary>What partners and vendor staff read about partners: profiles, the partner list and the certification queue.</summary>
public sealed class PartnerQueries(IdentityDbContext db)
{
    /// <summary>A partner with its programmes and tags; 404 CBC.0156 when absent.</summary>
    public async Task<Partner> GetAsync(Guid partnerId, CancellationToken cancellationToken) => await db.LoadPartnerAsync(partnerId, cancellationToken);

    public async Task<Listing<Partner>> ListAsync(PageRequest page, string? programme, string? pathStage, string? name, CancellationToken cancellationToken)
    {
        var query = db.Partners.AsNoTracking().Include(p => p.Programmes).Include(p => p.CapabilityTags).AsSplitQuery().AsQueryable();
        if (SnakeCaseEnum.ParseOptional<Programme>(programme, "programme") is { } wanted)
        {
            query = query.Where(p => p.Programmes.Any(m => m.Programme == wanted && m.Status == ProgrammeStatus.Active));
        }

        if (SnakeCaseEnum.ParseOptional<PathStage>(pathStage, "path_stage") is { } stage)
        {
            query = query.Where(p => p.PathStage == stage);
        }

        if (Rules.Clean(name) is { } text)
        {
            query = query.Where(p => EF.Functions.ILike(p.CompanyName, "%" + text.Replace("%", "\\%", StringComparison.Ordinal) + "%"));
        }

        var total = await query.CountAsync(cancellationToken);
        return new(total, await query.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).Page(page).ToListAsync(cancellationToken));
    }

    /// <summary>The partner's certification; 404 CBC.0156 before any submission.</summary>
    public async Task<BusinessCertification> GetCertificationAsync(Guid partnerId, CancellationToken cancellationToken) =>
        await db.BusinessCertifications.AsNoTracking().SingleOrDefaultAsync(c => c.PartnerId == partnerId, cancellationToken)
        ?? throw ApiException.NotFound("No business information was submitted yet.");

    /// <summary>The review queue: by status (pending review by default), oldest first.</summary>
    public async Task<Listing<BusinessCertification>> ListCertificationsAsync(PageRequest page, string? status, CancellationToken cancellationToken)
    {
        var wanted = SnakeCaseEnum.ParseOptional<BusinessCertificationStatus>(status, "status") ?? BusinessCertificationStatus.PendingReview;
        var query = db.BusinessCertifications.AsNoTracking().Where(c => c.Status == wanted);
        var total = await query.CountAsync(cancellationToken);
        return new(total, await query.OrderBy(c => c.SubmittedAt).ThenBy(c => c.PartnerId).Page(page).ToListAsync(cancellationToken));
    }
}
