using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Opportunities.Api.Application;
using Opportunities.Api.Domain;
using PartnerPlatform.ServiceDefaults;

namespace Opportunities.Api.Apis;

/// <summary>The enums of this service's API, so clients can tell a new value from a bad one.</summary>
public static class ReferenceApi
{
    public static IEndpointRouteBuilder MapReferenceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/reference/{enum_name}", Get)
            .WithTags("Reference")
            .WithName("GetOpportunityEnum")
            .WithSummary("Values of an enum: opportunity-statuses, stages, rejection-reasons, opportunity-parts, history-kinds, handover-statuses, offering-rule-sets, committee-cases, solution-statuses, project-statuses, dashboard-windows")
            .AllowAnonymous();
        return app;
    }

    private static Ok<EnumView> Get([FromRoute(Name = "enum_name")] string enumName, Microsoft.Extensions.Options.IOptions<OpportunitiesOptions> options)
    {
        IReadOnlyList<string>? values = enumName switch
        {
            "opportunity-statuses" => Of<OpportunityStatus>(),
            "stages" => Of<Stage>(),
            "rejection-reasons" => Of<RejectionReason>(),
            "opportunity-parts" => Of<OpportunityPart>(),
            "history-kinds" => Of<HistoryKind>(),
            "handover-statuses" => Of<HandoverStatus>(),
            "offering-rule-sets" => Of<OfferingRuleSet>(),
            "committee-cases" => options.Value.CommitteeCases,
            "solution-statuses" => Of<SolutionStatus>(),
            "project-statuses" => Of<ProjectStatus>(),
            "dashboard-windows" => Dashboard.Windows,
            _ => null,
        };
        return values is null
            ? throw ApiException.NotFound($"There is no enum '{enumName}'.")
            : TypedResults.Ok(new EnumView(enumName, values));
    }

    private static string[] Of<TEnum>()
        where TEnum : struct, Enum => [.. Enum.GetNames<TEnum>().Select(JsonNamingPolicy.SnakeCaseLower.ConvertName)];
}
