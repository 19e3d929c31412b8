using Coupons.Api.Application;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Apis;

public static class OperationRecordsApi
{
    public static IEndpointRouteBuilder MapOperationRecordsApi(this IEndpointRouteBuilder app)
    {
        var records = app.MapGroup("/v2/promotions/benefits/partner-coupons/records").WithTags("Operation records").RequirePartner();

        records.MapGet("/query", QueryAsync)
            .WithName("QueryCouponRecords")
            .ProducesErrorCodes()
            .WithSummary("The caller's operation log (grants, issues, recalls, reclaims, whitelist changes), newest first");

        records.MapGet("/export", Export)
            .WithName("ExportCouponRecords")
            .ProducesErrorCodes()
            .WithSummary("The caller's operation log as an anonymised CSV file, streamed oldest first")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        return app;
    }

    private static async Task<Ok<PagedResponse<OperationRecordView>>> QueryAsync(
        [AsParameters] RecordFilterParameters filter, CurrentCaller caller, OperationRecordQueries queries, PageRequest page,
        CancellationToken cancellationToken)
    {
        var records = queries.Filter(caller.GetPartnerGuid(), filter.ToFilter());
        var total = await records.LongCountAsync(cancellationToken);
        var items = await records.OrderByDescending(r => r.Id).Page(page).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<OperationRecordView>("records", total, [.. items.Select(OperationRecordView.From)]));
    }

    private static IResult Export(
        [AsParameters] RecordFilterParameters filter, CurrentCaller caller, OperationRecordQueries queries, TimeProvider timeProvider, HttpContext context)
    {
        var partnerId = caller.GetPartnerGuid();
        var parsed = filter.ToFilter();
        var fileName = $"coupon-records-{timeProvider.Now():yyyyMMddHHmmss}.csv";
        return Results.Stream(
            stream => queries.WriteCsvAsync(partnerId, parsed, stream, context.RequestAborted),
            contentType: "text/csv; charset=utf-8",
            fileDownloadName: fileName);
    }

    /// <summary>The query-string filters of the log.</summary>
    public sealed class RecordFilterParameters
    {
        [FromQuery(Name = "operation_type")]
        public string? OperationType { get; init; }

        [FromQuery(Name = "quota_id")]
        public Guid? QuotaId { get; init; }

        [FromQuery(Name = "coupon_id")]
        public Guid? CouponId { get; init; }

        [FromQuery(Name = "customer_id")]
        public Guid? CustomerId { get; init; }

        [FromQuery(Name = "begin_time")]
        public DateTimeOffset? BeginTime { get; init; }

        [FromQuery(Name = "end_time")]
        public DateTimeOffset? EndTime { get; init; }

        public OperationRecordFilter ToFilter()
        {
            if (BeginTime is { } begin && EndTime is { } end && end <= begin)
            {
                throw FieldValidation.Invalid("end_time", "end_time must be after begin_time.");
            }

            return new OperationRecordFilter(
                SnakeCaseEnum.ParseOptional<Domain.OperationType>(OperationType, "operation_type"), QuotaId, CouponId, CustomerId, BeginTime, EndTime);
        }
    }
}
