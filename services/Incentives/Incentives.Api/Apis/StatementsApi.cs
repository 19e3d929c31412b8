using Incentives.Api.Application;
using Incentives.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerPlatform.ServiceDefaults;

namespace Incentives.Api.Apis;

/// <summary>Incentive statements: the partner confirms or disputes lines; vendor staff estimate, publish, resolve, issue and lapse them.</summary>
public static class StatementsApi
{
    public static IEndpointRouteBuilder MapStatementsApi(this IEndpointRouteBuilder app)
    {
        var partner = app.MapGroup("/v2/partners/incentives/statement-lines").WithTags("Statements").RequirePartner();
        partner.MapGet("/", ListAsync).WithName("ListStatementLines").ProducesErrorCodes().WithSummary("The caller's statement lines, optionally of one period (yyyy-MM)");
        partner.MapGet("/{line_id:guid}", GetAsync).WithName("GetStatementLine").ProducesErrorCodes().WithSummary("A statement line with its formula, sources and netting trail");
        partner.MapPost("/{line_id:guid}/confirm", ConfirmAsync).WithName("ConfirmStatementLine").ProducesErrorCodes(IncentivesErrors.LineNotPendingConfirmation).WithSummary("Confirm a line awaiting confirmation");
        partner.MapPost("/{line_id:guid}/feedback", FeedbackAsync).WithName("GiveStatementLineFeedback").ProducesErrorCodes(IncentivesErrors.LineNotPendingConfirmation)
            .WithSummary("Dispute a line awaiting confirmation: its auto-confirmation pauses until the vendor resolves the feedback");

        var vendor = app.MapGroup("/v2/vendor/incentives").WithTags("Statements (vendor)").RequireVendorRole(VendorRoles.VendorStaff);
        vendor.MapPost("/statement-lines", EstimateAsync).WithName("EstimateStatementLine").ProducesErrorCodes()
            .WithSummary("Add an estimated line (publishes IncentiveEstimated and IncentiveMetricsPublished)").WithIdempotency();
        vendor.MapGet("/statement-lines", VendorListAsync).WithName("VendorListStatementLines").ProducesErrorCodes().WithSummary("Statement lines of a partner");
        vendor.MapPost("/statements/publication", PublishAsync).WithName("PublishStatement").ProducesErrorCodes(IncentivesErrors.NothingToPublish)
            .WithSummary("Publish a partner's estimated lines of a period for confirmation, with the confirmation deadline");
        vendor.MapPost("/statement-lines/{line_id:guid}/resolution", ResolveAsync).WithName("ResolveStatementLineFeedback").ProducesErrorCodes(IncentivesErrors.NoFeedbackToResolve)
            .WithSummary("Answer a line's feedback (optionally correcting the amount); the line awaits confirmation again");
        vendor.MapPost("/statement-lines/{line_id:guid}/issue", IssueAsync).WithName("IssueStatementLine").ProducesErrorCodes(IncentivesErrors.LineNotIssuing).WithSummary("Issue a confirmed line");
        vendor.MapPost("/statement-lines/{line_id:guid}/lapse", LapseAsync).WithName("LapseStatementLine").ProducesErrorCodes(IncentivesErrors.LineNotLapsable)
            .WithSummary("A positive line lapses and is netted against the partner's open negative lines");
        return app;
    }

    private static async Task<Ok<StatementLinesView>> ListAsync(CurrentCaller caller, Statements statements, PageRequest page, [FromQuery] string? period, CancellationToken ct)
    {
        var (total, items) = await statements.ListAsync(caller.GetPartnerGuid(), period is null ? null : FieldValidation.Checked(v => v.Parsed<DateOnly>(period, "period", Periods.TryParseMonth, Periods.MonthFormat)), page, ct);
        return TypedResults.Ok(new StatementLinesView(total, [.. items.Select(StatementLineView.Of)]));
    }

    private static async Task<Ok<StatementLineView>> GetAsync([FromRoute(Name = "line_id")] Guid lineId, CurrentCaller caller, Statements statements, CancellationToken ct) =>
        TypedResults.Ok(StatementLineView.Of(await statements.GetAsync(caller.GetPartnerGuid(), lineId, ct)));

    private static async Task<Ok<StatementLineView>> ConfirmAsync([FromRoute(Name = "line_id")] Guid lineId, CurrentCaller caller, Statements statements, CancellationToken ct) =>
        TypedResults.Ok(StatementLineView.Of(await statements.ConfirmAsync(caller.GetPartnerGuid(), lineId, ct)));

    private static async Task<Ok<StatementLineView>> FeedbackAsync(
        [FromRoute(Name = "line_id")] Guid lineId, FeedbackRequest request, CurrentCaller caller, Statements statements, CancellationToken ct) =>
        TypedResults.Ok(StatementLineView.Of(await statements.GiveFeedbackAsync(caller.GetPartnerGuid(), lineId, FieldValidation.Checked(v => v.RequiredText(request.Feedback, "feedback", 2000)), ct)));

    private static async Task<Created<StatementLineView>> EstimateAsync(EstimateLineRequest request, Statements statements, CancellationToken ct)
    {
        var line = await statements.EstimateAsync(
            FieldValidation.Checked(v => new Statements.NewLine(
                request.PartnerId, v.Parsed<DateOnly>(request.Period, "period", Periods.TryParseMonth, Periods.MonthFormat), v.RequiredText(request.IncentiveKind, "incentive_kind", 64), request.Amount,
                v.Currency(request.Currency, "currency"), v.RequiredText(request.Metric, "metric", 64), request.MetricValue,
                v.RequiredText(request.Formula, "formula", 1000), request.Sources)),
            ct);
        return TypedResults.Created($"/v2/partners/incentives/statement-lines/{line.Id}", StatementLineView.Of(line));
    }

    private static async Task<Ok<StatementLinesView>> VendorListAsync(
        [FromQuery(Name = "partner_id")] Guid partnerId, [FromQuery] string? period, PageRequest page, Statements statements, CancellationToken ct)
    {
        var (total, items) = await statements.ListAsync(partnerId, period is null ? null : FieldValidation.Checked(v => v.Parsed<DateOnly>(period, "period", Periods.TryParseMonth, Periods.MonthFormat)), page, ct);
        return TypedResults.Ok(new StatementLinesView(total, [.. items.Select(StatementLineView.Of)]));
    }

    private static async Task<Ok<StatementLinesView>> PublishAsync(PublishStatementRequest request, Statements statements, CancellationToken ct)
    {
        var lines = await statements.PublishAsync(request.PartnerId, FieldValidation.Checked(v => v.Parsed<DateOnly>(request.Period, "period", Periods.TryParseMonth, Periods.MonthFormat)), ct);
        return TypedResults.Ok(new StatementLinesView(lines.Count, [.. lines.Select(StatementLineView.Of)]));
    }

    private static async Task<Ok<StatementLineView>> ResolveAsync(
        [FromRoute(Name = "line_id")] Guid lineId, ResolveFeedbackRequest request, CurrentCaller caller, Statements statements, CancellationToken ct) =>
        TypedResults.Ok(StatementLineView.Of(await statements.ResolveFeedbackAsync(lineId, request.CorrectedAmount, caller.Actor, ct)));

    private static async Task<Ok<StatementLineView>> IssueAsync([FromRoute(Name = "line_id")] Guid lineId, Statements statements, CancellationToken ct) =>
        TypedResults.Ok(StatementLineView.Of(await statements.IssueAsync(lineId, ct)));

    private static async Task<Ok<StatementLineView>> LapseAsync([FromRoute(Name = "line_id")] Guid lineId, Statements statements, CancellationToken ct) =>
        TypedResults.Ok(StatementLineView.Of(await statements.LapseAsync(lineId, ct)));
}
