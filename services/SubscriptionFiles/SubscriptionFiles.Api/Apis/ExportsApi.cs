using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;
using SubscriptionFiles.Api.Application;
using SubscriptionFiles.Api.Jobs;

namespace SubscriptionFiles.Api.Apis;

public static class ExportsApi
{
    public static IEndpointRouteBuilder MapExportsApi(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/v2/partners/exports").WithTags("Exports").RequirePartner();

        exports.MapPost("", CreateAsync)
            .WithName("CreateExport")
            .ProducesErrorCodes()
            .WithSummary("Creates an export task of one list (customers, resellers, coupons, coupon operations, opportunities, incentive lines, orders); generated asynchronously, personal data anonymised")
            .WithIdempotency(required: false);

        exports.MapGet("", ListAsync)
            .WithName("ListExports")
            .ProducesErrorCodes()
            .WithSummary("The caller's export records, newest first, with status and a download link while it lasts");

        exports.MapGet("/{export_id:guid}", GetAsync)
            .WithName("GetExport")
            .ProducesErrorCodes()
            .WithSummary("One export record");

        exports.MapGet("/{export_id:guid}/file", DownloadAsync)
            .WithName("DownloadExport")
            .ProducesErrorCodes(SubscriptionFilesErrors.ExportNotReady, SubscriptionFilesErrors.ExportLinkExpired)
            .WithSummary("The export's CSV file (UTF-8, RFC 4180) until its link expires")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");

        return app;
    }

    private static async Task<Accepted<ExportView>> CreateAsync(
        CreateExportRequest request, CurrentCaller caller, Exporting exporting, ExportSweeper sweeper, TimeProvider time, CancellationToken cancellationToken)
    {
        var export = await exporting.CreateAsync(caller.GetPartnerGuid(), caller.UserId, request.ToList(), cancellationToken);
        sweeper.Wake();
        return TypedResults.Accepted($"/v2/partners/exports/{export.Id}", ExportView.From(export, time.GetUtcNow()));
    }

    private static async Task<Ok<PagedResponse<ExportView>>> ListAsync(
        CurrentCaller caller, Exporting exporting, PageRequest page, TimeProvider time, CancellationToken cancellationToken)
    {
        var exports = exporting.Of(caller.GetPartnerGuid());
        var total = await exports.LongCountAsync(cancellationToken);
        var items = await exports.OrderByDescending(e => e.RequestedAt).ThenBy(e => e.Id).Page(page).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return TypedResults.Ok(new PagedResponse<ExportView>("exports", total, [.. items.Select(e => ExportView.From(e, now))]));
    }

    private static async Task<Ok<ExportView>> GetAsync(
        [FromRoute(Name = "export_id")] Guid exportId, CurrentCaller caller, Exporting exporting, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(ExportView.From(await exporting.FindAsync(caller.GetPartnerGuid(), exportId, cancellationToken), time.GetUtcNow()));

    private static async Task<IResult> DownloadAsync(
        [FromRoute(Name = "export_id")] Guid exportId, CurrentCaller caller, Exporting exporting, CancellationToken cancellationToken)
    {
        var (export, path) = await exporting.OpenFileAsync(caller.GetPartnerGuid(), exportId, cancellationToken);
        return Results.File(path, "text/csv; charset=utf-8", export.FileName);
    }
}
