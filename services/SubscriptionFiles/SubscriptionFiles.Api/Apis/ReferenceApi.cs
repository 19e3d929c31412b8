using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerPlatform.ServiceDefaults;
using SubscriptionFiles.Api.Data;
using SubscriptionFiles.Api.Domain;

namespace SubscriptionFiles.Api.Apis;

/// <summary>The enums of this service's API, so clients can tell a new value from a bad one.</summary>
public static class ReferenceApi
{
    public static IEndpointRouteBuilder MapReferenceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/reference/{enum_name}", Get)
            .WithTags("Reference")
            .WithName("GetSubscriptionFilesEnum")
            .WithSummary("Values of an enum: subscription-contents, cadences, bucket-kinds, delivery-statuses, export-lists, export-statuses")
            .AllowAnonymous();
        return app;
    }

    private static Ok<EnumView> Get([FromRoute(Name = "enum_name")] string enumName)
    {
        IReadOnlyList<string>? values = enumName switch
        {
            "subscription-contents" => SnakeCaseEnumConverter<Content>.All,
            "cadences" => SnakeCaseEnumConverter<Cadence>.All,
            "bucket-kinds" => SnakeCaseEnumConverter<BucketKind>.All,
            "delivery-statuses" => SnakeCaseEnumConverter<DeliveryStatus>.All,
            "export-lists" => SnakeCaseEnumConverter<ExportList>.All,
            "export-statuses" => SnakeCaseEnumConverter<ExportStatus>.All,
            _ => null,
        };
        return values is null ? throw ApiException.NotFound($"There is no enum '{enumName}'.") : TypedResults.Ok(new EnumView(enumName, values));
    }
}
