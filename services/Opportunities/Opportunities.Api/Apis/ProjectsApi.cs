using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Opportunities.Api.Application;
using Opportunities.Api.Domain;
using PartnerPlatform.ServiceDefaults;

namespace Opportunities.Api.Apis;

/// <summary>Project registration (项目报备) and its vendor review.</summary>
public static class ProjectsApi
{
    public static IEndpointRouteBuilder MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var projects = app.MapGroup("/v2/partners/opportunities/projects").WithTags("Project registration").RequirePartner();

        projects.MapPost("", RegisterAsync)
            .WithName("RegisterProject")
            .ProducesErrorCodes()
            .WithSummary("Register a project (new cloud spending per year, overseas or not) for vendor review")
            .WithIdempotency();

        projects.MapGet("", ListAsync)
            .WithName("ListProjects")
            .WithSummary("The caller's projects, newest first, optionally by status");

        projects.MapGet("/{project_id:guid}", GetAsync)
            .WithName("GetProject")
            .WithSummary("One of the caller's projects");

        projects.MapPost("/{project_id:guid}/resubmit", ResubmitAsync)
            .WithName("ResubmitProject")
            .ProducesErrorCodes(OpportunitiesErrors.ProjectNotReturned)
            .WithSummary("Change a project returned for changes and submit it again");

        var vendor = app.MapGroup("/v2/vendor/opportunities/projects").WithTags("Project registration (vendor)").RequireVendorRole(VendorRoles.VendorStaff);

        vendor.MapGet("", ListForVendorAsync)
            .WithName("ListProjectsForReview")
            .WithSummary("Every partner's projects, optionally by status (submitted: waiting for review)");

        vendor.MapPost("/{project_id:guid}/approve", ApproveAsync)
            .WithName("ApproveProject")
            .ProducesErrorCodes()
            .WithSummary("Approve a submitted project; ProjectApproved carries what the subsidy rule needs");

        vendor.MapPost("/{project_id:guid}/return", ReturnAsync)
            .WithName("ReturnProject")
            .ProducesErrorCodes()
            .WithSummary("Return a submitted project for changes, with a note");
        return app;
    }

    private static async Task<Created<ProjectView>> RegisterAsync(ProjectInput request, CurrentCaller caller, Projects projects, CancellationToken cancellationToken)
    {
        var project = await projects.RegisterAsync(caller, request, cancellationToken);
        return TypedResults.Created($"/v2/partners/opportunities/projects/{project.Id}", ProjectView.From(project));
    }

    private static async Task<Ok<ProjectList>> ListAsync(
        [FromQuery] string? status, PageRequest page, CurrentCaller caller, Projects projects, CancellationToken cancellationToken)
    {
        var (total, items) = await projects.ListAsync(caller.GetPartnerGuid(), SnakeCaseEnum.ParseOptional<ProjectStatus>(status, "status"), page, cancellationToken);
        return TypedResults.Ok(new ProjectList(total, [.. items.Select(ProjectView.From)]));
    }

    private static async Task<Ok<ProjectView>> GetAsync(
        [FromRoute(Name = "project_id")] Guid id, CurrentCaller caller, Projects projects, CancellationToken cancellationToken) =>
        TypedResults.Ok(ProjectView.From(await projects.GetAsync(caller, id, cancellationToken)));

    private static async Task<Ok<ProjectView>> ResubmitAsync(
        [FromRoute(Name = "project_id")] Guid id, ProjectInput request, CurrentCaller caller, Projects projects, CancellationToken cancellationToken) =>
        TypedResults.Ok(ProjectView.From(await projects.ResubmitAsync(caller, id, request, cancellationToken)));

    private static async Task<Ok<ProjectList>> ListForVendorAsync(
        [FromQuery] string? status, PageRequest page, Projects projects, CancellationToken cancellationToken)
    {
        var (total, items) = await projects.ListAsync(null, SnakeCaseEnum.ParseOptional<ProjectStatus>(status, "status"), page, cancellationToken);
        return TypedResults.Ok(new ProjectList(total, [.. items.Select(ProjectView.From)]));
    }

    private static async Task<Ok<ProjectView>> ApproveAsync(
        [FromRoute(Name = "project_id")] Guid id, ProjectReviewInput request, CurrentCaller caller, Projects projects, CancellationToken cancellationToken) =>
        TypedResults.Ok(ProjectView.From(await projects.ApproveAsync(caller, id, request, cancellationToken)));

    private static async Task<Ok<ProjectView>> ReturnAsync(
        [FromRoute(Name = "project_id")] Guid id, ProjectReviewInput request, CurrentCaller caller, Projects projects, CancellationToken cancellationToken) =>
        TypedResults.Ok(ProjectView.From(await projects.ReturnAsync(caller, id, request, cancellationToken)));
}
