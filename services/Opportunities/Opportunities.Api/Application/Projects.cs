using Microsoft.EntityFrameworkCore;
using Opportunities.Api.Data;
using Opportunities.Api.Domain;
using PartnerPlatform.Contracts.Opportunities;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Opportunities.Api.Application;

/// <summary>
/// A project registration. The subsidy threshold (≥ 1,000,000 CNY/year, overseas ≥ 125,000 USD/year)
/// and the service-partner capability-tag rule are incentives-api's, checked when the benefit is
/// applied for; this service only carries the facts in <c>ProjectApproved</c>.
/// </summary>
public sealed record ProjectInput(
    string? ProjectName = null, string? Description = null, string? CustomerName = null, MoneyInput? AnnualCloudSpending = null, bool? Overseas = null);

public sealed record ProjectReviewInput(string? Note = null);

/// <summary>Project registration and its vendor review (approve, or return for changes and resubmit).</summary>
public sealed class Projects(OpportunitiesDbContext db, IOutbox outbox, TimeProvider timeProvider)
{
    public async Task<Project> RegisterAsync(CurrentCaller caller, ProjectInput input, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        var now = timeProvider.Now();
        var project = new Project { Id = Guid.CreateVersion7(now), PartnerId = partnerId, Status = ProjectStatus.Submitted, CreatedAt = now, UpdatedAt = now };
        Apply(project, input);
        db.Projects.Add(project);
        outbox.Add(new ProjectRegistered(project.Id, partnerId, project.ProjectName, project.AnnualCloudSpending, project.Currency, project.Overseas, now));
        await db.SaveChangesAsync(cancellationToken);
        return project;
    }

    /// <summary>Changes a returned project and submits it again.</summary>
    public async Task<Project> ResubmitAsync(CurrentCaller caller, Guid id, ProjectInput input, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var project = await LockAsync(id, cancellationToken);
        if (project is null || project.PartnerId != partnerId)
        {
            throw ApiException.NotFound();
        }

        if (project.Status != ProjectStatus.Returned)
        {
            throw new ApiException(OpportunitiesErrors.ProjectNotReturned);
        }

        Apply(project, input);
        project.Status = ProjectStatus.Submitted;
        project.UpdatedAt = timeProvider.Now();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return project;
    }

    public Task<Project> ApproveAsync(CurrentCaller caller, Guid id, ProjectReviewInput input, CancellationToken cancellationToken) =>
        ReviewAsync(caller, id, input, ProjectStatus.Approved, cancellationToken);

    public Task<Project> ReturnAsync(CurrentCaller caller, Guid id, ProjectReviewInput input, CancellationToken cancellationToken) =>
        ReviewAsync(caller, id, input, ProjectStatus.Returned, cancellationToken);

    public async Task<Project> GetAsync(CurrentCaller caller, Guid id, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        return await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.PartnerId == partnerId, cancellationToken) ?? throw ApiException.NotFound();
    }

    public async Task<(long Total, List<Project> Items)> ListAsync(Guid? partnerId, ProjectStatus? status, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.Projects.AsNoTracking();
        if (partnerId is not null)
        {
            query = query.Where(p => p.PartnerId == partnerId);
        }

        if (status is not null)
        {
            query = query.Where(p => p.Status == status);
        }

        var total = await query.LongCountAsync(cancellationToken);
        return (total, await query.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).Page(page).ToListAsync(cancellationToken));
    }

    private async Task<Project> ReviewAsync(CurrentCaller caller, Guid id, ProjectReviewInput input, ProjectStatus decision, CancellationToken cancellationToken)
    {
        var errors = new FieldValidation();
        var note = decision == ProjectStatus.Returned ? errors.RequiredText(input.Note, "note", 1000) : errors.Text(input.Note, "note", 1000);
        errors.ThrowIfAny();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var project = await LockAsync(id, cancellationToken) ?? throw ApiException.NotFound();
        if (project.Status != ProjectStatus.Submitted)
        {
            throw ApiException.IllegalState("The project is not waiting for review.");
        }

        var now = timeProvider.Now();
        project.Status = decision;
        project.ReviewNote = note;
        project.ReviewedBy = caller.UserId;
        project.ReviewedAt = now;
        project.UpdatedAt = now;
        if (decision == ProjectStatus.Approved)
        {
            outbox.Add(new ProjectApproved(
                project.Id, project.PartnerId, project.ProjectName, project.AnnualCloudSpending, project.Currency, project.Overseas, caller.GetUserGuid(), now));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return project;
    }

    private async Task<Project?> LockAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Projects.FromSql($"SELECT *, xmin FROM projects WHERE id = {id} FOR UPDATE").AsTracking().FirstOrDefaultAsync(cancellationToken);

    private static void Apply(Project project, ProjectInput input)
    {
        var errors = new FieldValidation();
        project.ProjectName = errors.RequiredText(input.ProjectName, "project_name", 200);
        project.Description = errors.RequiredText(input.Description, "description", 2000);
        project.CustomerName = errors.RequiredText(input.CustomerName, "customer_name", 200);
        project.AnnualCloudSpending = errors.Amount(input.AnnualCloudSpending?.Amount, "annual_cloud_spending.amount");
        project.Currency = errors.Currency(input.AnnualCloudSpending?.Currency, "annual_cloud_spending.currency");
        project.Overseas = input.Overseas ?? false;
        errors.ThrowIfAny();
    }
}
