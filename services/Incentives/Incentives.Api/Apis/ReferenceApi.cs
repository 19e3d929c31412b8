using Incentives.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerPlatform.ServiceDefaults;

namespace Incentives.Api.Apis;

/// <summary>The enums of this service's API, so clients can tell a new value from a bad one.</summary>
public static class ReferenceApi
{
    public static IEndpointRouteBuilder MapReferenceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/reference/{enum_name}", Get)
            .WithTags("Reference")
            .WithName("GetIncentivesEnum")
            .WithSummary("Values of an enum: fh-tracks, enrolment-statuses, monthly-list-statuses, payment-statuses, statement-line-statuses, region-scopes, subsidy-statuses, mdf-application-statuses, mdf-activity-statuses, mdf-claim-statuses, nre-agreement-statuses, nre-milestone-statuses")
            .AllowAnonymous();
        return app;
    }

    private static Ok<EnumView> Get([FromRoute(Name = "enum_name")] string enumName)
    {
        IReadOnlyList<string>? values = enumName switch
        {
            "fh-tracks" => Of<FhTrack>(),
            "enrolment-statuses" => Of<EnrolmentStatus>(),
            "monthly-list-statuses" => Of<MonthlyListStatus>(),
            "payment-statuses" => Of<PaymentStatus>(),
            "statement-line-statuses" => Of<StatementLineStatus>(),
            "region-scopes" => Of<RegionScope>(),
            "subsidy-statuses" => Of<SubsidyStatus>(),
            "mdf-application-statuses" => Of<MdfApplicationStatus>(),
            "mdf-activity-statuses" => Of<MdfActivityStatus>(),
            "mdf-claim-statuses" => Of<MdfClaimStatus>(),
            "nre-agreement-statuses" => Of<NreAgreementStatus>(),
            "nre-milestone-statuses" => Of<NreMilestoneStatus>(),
            _ => null,
        };
        return values is null
            ? throw ApiException.NotFound($"There is no enum '{enumName}'.")
            : TypedResults.Ok(new EnumView(enumName, values));
    }

    private static string[] Of<TEnum>()
        where TEnum : struct, Enum => [.. Enum.GetValues<TEnum>().Select(Wire.Name)];
}
