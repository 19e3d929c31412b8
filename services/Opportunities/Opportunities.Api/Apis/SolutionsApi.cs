using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Opportunities.Api.Application;
using PartnerPlatform.ServiceDefaults;

namespace Opportunities.Api.Apis;

/// <summary>The partner's own solution catalogue, which its POs reference.</summary>
public static class SolutionsApi
{
    public static IEndpointRouteBuilder MapSolutionsApi(this IEndpointRouteBuilder app)
    {
        var solutions = app.MapGroup("/v2/partners/opportunities/solutions").WithTags("Partner solutions").RequirePartner();

        solutions.MapPost("", CreateAsync)
            .WithName("CreatePartnerSolution")
            .ProducesErrorCodes()
            .WithSummary("Add a solution (name, description, products or offerings) to the caller's catalogue")
            .WithIdempotency();

        solutions.MapGet("", ListAsync)
            .WithName("ListPartnerSolutions")
            .WithSummary("The caller's solutions by name");

        solutions.MapGet("/{solution_id:guid}", GetAsync)
            .WithName("GetPartnerSolution")
            .WithSummary("One of the caller's solutions (ETag for updates)");

        solutions.MapPut("/{solution_id:guid}", UpdateAsync)
            .WithName("UpdatePartnerSolution")
            .ProducesErrorCodes()
            .WithSummary("Replace a solution's name, description and products (If-Match required)")
            .RequireIfMatch();

        solutions.MapPost("/{solution_id:guid}/retire", RetireAsync)
            .WithName("RetirePartnerSolution")
            .ProducesErrorCodes()
            .WithSummary("Retire a solution: new POs can no longer name it");
        return app;
    }

    private static async Task<Created<SolutionView>> CreateAsync(
        SolutionInput request, CurrentCaller caller, Solutions solutions, HttpResponse response, CancellationToken cancellationToken)
    {
        var solution = await solutions.CreateAsync(caller, request, cancellationToken);
        response.SetETag(ETags.FromVersion(solution.Version));
        return TypedResults.Created($"/v2/partners/opportunities/solutions/{solution.Id}", SolutionView.From(solution));
    }

    private static async Task<Ok<SolutionList>> ListAsync(PageRequest page, CurrentCaller caller, Solutions solutions, CancellationToken cancellationToken)
    {
        var (total, items) = await solutions.ListAsync(caller, page, cancellationToken);
        return TypedResults.Ok(new SolutionList(total, [.. items.Select(SolutionView.From)]));
    }

    private static async Task<Ok<SolutionView>> GetAsync(
        [FromRoute(Name = "solution_id")] Guid id, CurrentCaller caller, Solutions solutions, HttpResponse response, CancellationToken cancellationToken)
    {
        var solution = await solutions.GetAsync(caller, id, cancellationToken);
        response.SetETag(ETags.FromVersion(solution.Version));
        return TypedResults.Ok(SolutionView.From(solution));
    }

    private static async Task<Ok<SolutionView>> UpdateAsync(
        [FromRoute(Name = "solution_id")] Guid id, SolutionInput request, CurrentCaller caller, Solutions solutions, HttpContext context,
        CancellationToken cancellationToken)
    {
        var solution = await solutions.UpdateAsync(caller, id, context.Request.RequireIfMatchVersion(), request, cancellationToken);
        context.Response.SetETag(ETags.FromVersion(solution.Version));
        return TypedResults.Ok(SolutionView.From(solution));
    }

    private static async Task<Ok<SolutionView>> RetireAsync(
        [FromRoute(Name = "solution_id")] Guid id, CurrentCaller caller, Solutions solutions, CancellationToken cancellationToken) =>
        TypedResults.Ok(SolutionView.From(await solutions.RetireAsync(caller, id, cancellationToken)));
}
