using Incentives.Api.Data;
using Incentives.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;

namespace Incentives.Api.Application;

/// <summary>
/// Vendor ops maintain the dedicated staff (expert records) and project records the monthly lists are built
/// from. One project is claimed by one dedicated person only (design).
/// </summary>
public sealed class FhRecords(IncentivesDbContext db, TimeProvider time)
{
    public async Task<FhStaff> AddStaffAsync(
        Guid partnerId, FhTrack track, string name, decimal monthlyAmount, string currency, DateOnly activeFrom, DateOnly? activeTo, CancellationToken cancellationToken)
    {
        Money.RequireCents(monthlyAmount, "monthly_amount");
        if (activeTo is { } to && to < activeFrom)
        {
            throw FieldValidation.Invalid("active_to", "active_to must not be before active_from.");
        }

        var now = time.Now();
        var staff = new FhStaff
        {
            Id = Guid.CreateVersion7(now),
            PartnerId = partnerId,
            Track = track,
            Name = name,
            MonthlyAmount = monthlyAmount,
            Currency = currency,
            ActiveFrom = activeFrom,
            ActiveTo = activeTo,
            UpdatedAt = now,
        };
        db.FhStaff.Add(staff);
        await db.SaveChangesAsync(cancellationToken);
        return staff;
    }

    /// <summary>Ends (or re-opens) a dedicated person's engagement.</summary>
    public async Task<FhStaff> SetActiveToAsync(Guid staffId, DateOnly? activeTo, CancellationToken cancellationToken)
    {
        var staff = await db.FhStaff.AsTracking().SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken) ?? throw ApiException.NotFound();
        if (activeTo is { } to && to < staff.ActiveFrom)
        {
            throw FieldValidation.Invalid("active_to", "active_to must not be before active_from.");
        }

        staff.ActiveTo = activeTo;
        staff.UpdatedAt = time.Now();
        await db.SaveChangesAsync(cancellationToken);
        return staff;
    }

    public async Task<FhProject> AddProjectAsync(Guid partnerId, string name, CancellationToken cancellationToken)
    {
        var now = time.Now();
        var project = new FhProject { Id = Guid.CreateVersion7(now), PartnerId = partnerId, Name = name, UpdatedAt = now };
        db.FhProjects.Add(project);
        await db.SaveChangesAsync(cancellationToken);
        return project;
    }

    /// <summary>
    /// Gives the project to a dedicated person (or frees it with null). One conditional update: a project
    /// another person holds is refused, so two concurrent claims never both win.
    /// </summary>
    public async Task<FhProject> AssignProjectAsync(Guid projectId, Guid? staffId, CancellationToken cancellationToken)
    {
        var project = await db.FhProjects.SingleOrDefaultAsync(p => p.Id == projectId, cancellationToken) ?? throw ApiException.NotFound();
        if (staffId is { } id)
        {
            var staff = await db.FhStaff.SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
                ?? throw FieldValidation.Invalid("staff_id", "There is no such dedicated person.");
            if (staff.PartnerId != project.PartnerId)
            {
                throw new ApiException(IncentivesErrors.StaffOfAnotherPartner);
            }
        }

        var now = time.Now();
        var updated = staffId is null
            ? await db.FhProjects.Where(p => p.Id == projectId)
                .ExecuteUpdateAsync(set => set.SetProperty(p => p.StaffId, (Guid?)null).SetProperty(p => p.UpdatedAt, now), cancellationToken)
            : await db.FhProjects.Where(p => p.Id == projectId && (p.StaffId == null || p.StaffId == staffId))
                .ExecuteUpdateAsync(set => set.SetProperty(p => p.StaffId, staffId).SetProperty(p => p.UpdatedAt, now), cancellationToken);
        if (updated == 0)
        {
            throw new ApiException(IncentivesErrors.ProjectClaimedByAnotherPerson);
        }

        return await db.FhProjects.SingleAsync(p => p.Id == projectId, cancellationToken);
    }

    public Task<List<FhStaff>> ListStaffAsync(Guid partnerId, CancellationToken cancellationToken) =>
        db.FhStaff.Where(s => s.PartnerId == partnerId).OrderBy(s => s.Name).ToListAsync(cancellationToken);

    public Task<List<FhProject>> ListProjectsAsync(Guid partnerId, CancellationToken cancellationToken) =>
        db.FhProjects.Where(p => p.PartnerId == partnerId).OrderBy(p => p.Name).ToListAsync(cancellationToken);
}
