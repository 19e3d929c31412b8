using Incentives.Api.Application;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerPlatform.ServiceDefaults;

namespace Incentives.Api.Apis;

/// <summary>Project subsidies for projects opportunities-api approved or delivered.</summary>
public static class ProjectSubsidiesApi
{
    public static IEndpointRouteBuilder MapProjectSubsidiesApi(this IEndpointRouteBuilder app)
    {
        var subsidies = app.MapGroup("/v2/partners/incentives/project-subsidies").WithTags("Project subsidies").RequirePartner();
        subsidies.MapPost("/", ApplyAsync).WithName("ApplyForProjectSubsidy").ProducesErrorCodes(IncentivesErrors.ProjectNotApproved, IncentivesErrors.CapabilityTagRequired, IncentivesErrors.SubsidyAlreadyApplied)
            .WithSummary("Apply for a project's subsidy; projects of 1,000,000 CNY (overseas 125,000 USD) a year or more need a capability tag now").WithIdempotency();
        subsidies.MapGet("/{subsidy_id:guid}", GetAsync).WithName("GetProjectSubsidy").ProducesErrorCodes().WithSummary("A subsidy application of the caller");
        return app;
    }

    private static async Task<Created<ProjectSubsidyView>> ApplyAsync(ApplySubsidyRequest request, CurrentCaller caller, ProjectSubsidies subsidies, CancellationToken ct)
    {
        var subsidy = await subsidies.ApplyAsync(caller.GetPartnerGuid(), request.ProjectId, ct);
        return TypedResults.Created($"/v2/partners/incentives/project-subsidies/{subsidy.Id}", ProjectSubsidyView.Of(subsidy));
    }

    private static async Task<Ok<ProjectSubsidyView>> GetAsync([FromRoute(Name = "subsidy_id")] Guid subsidyId, CurrentCaller caller, ProjectSubsidies subsidies, CancellationToken ct) =>
        TypedResults.Ok(ProjectSubsidyView.Of(await subsidies.GetAsync(caller.GetPartnerGuid(), subsidyId, ct)));
}
