using Incentives.Api.Application;
using Incentives.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerPlatform.ServiceDefaults;

namespace Incentives.Api.Apis;

/// <summary>The partner's side of FH: qualification, the monthly lists to verify, the quarterly payment and its invoices.</summary>
public static class FhApi
{
    public static IEndpointRouteBuilder MapFhApi(this IEndpointRouteBuilder app)
    {
        var fh = app.MapGroup("/v2/partners/incentives/fh").WithTags("FH").RequirePartner();

        fh.MapGet("/enrolments", ListEnrolmentsAsync).WithName("ListFhEnrolments").ProducesErrorCodes().WithSummary("The caller's FH enrolments and applications per track");
        fh.MapPost("/enrolments", ApplyAsync).WithName("ApplyForFh").ProducesErrorCodes(IncentivesErrors.NotOnServicePath, IncentivesErrors.CcoeInviteOnly, IncentivesErrors.AgreementNotSigned, IncentivesErrors.AlreadyEnrolled)
            .WithSummary("Apply for FH on the standard track or the lecturer fund and sign the agreement (CCoE is invite-only)").WithIdempotency();
        fh.MapGet("/staff", ListStaffAsync).WithName("ListFhStaff").ProducesErrorCodes().WithSummary("The caller's dedicated staff as vendor ops maintain them");
        fh.MapGet("/projects", ListProjectsAsync).WithName("ListFhProjects").ProducesErrorCodes().WithSummary("The caller's projects and the dedicated person of each");
        fh.MapGet("/monthly-lists", ListListsAsync).WithName("ListFhMonthlyLists").ProducesErrorCodes().WithSummary("The caller's monthly lists, newest month first");
        fh.MapGet("/monthly-lists/{list_id:guid}", GetListAsync).WithName("GetFhMonthlyList").ProducesErrorCodes().WithSummary("A monthly list with its staff lines");
        fh.MapPost("/monthly-lists/{list_id:guid}/verification", VerifyAsync).WithName("VerifyFhMonthlyList").ProducesErrorCodes(IncentivesErrors.ListNotAwaitingVerification, IncentivesErrors.VerificationExpired, IncentivesErrors.VerificationMismatch, IncentivesErrors.MaterialRequired)
            .WithSummary("Verify the month: confirm headcount and total, attach the material (by verify_by, 14 working days)");
        fh.MapPost("/monthly-lists/{list_id:guid}/give-up", GiveUpAsync).WithName("GiveUpFhMonthlyList").ProducesErrorCodes(IncentivesErrors.ListNotAwaitingVerification, IncentivesErrors.VerificationExpired)
            .WithSummary("Give up a month still open, so that the quarter's payment can be applied for");
        fh.MapGet("/payment-applications", ListPaymentsAsync).WithName("ListFhPaymentApplications").ProducesErrorCodes().WithSummary("The caller's quarterly payment applications");
        fh.MapPost("/payment-applications", ApplyPaymentAsync).WithName("ApplyForFhPayment").ProducesErrorCodes(IncentivesErrors.QuarterNotOver, IncentivesErrors.MonthStillOpen, IncentivesErrors.MonthInFirstReview, IncentivesErrors.NoMonthPassed, IncentivesErrors.BusinessInfoNotCertified, IncentivesErrors.PaymentAlreadyApplied)
            .WithSummary("Apply for a quarter's payment (yyyy-Qn) once every month of it is final").WithIdempotency();
        fh.MapGet("/payment-applications/{application_id:guid}", GetPaymentAsync).WithName("GetFhPaymentApplication").ProducesErrorCodes()
            .WithSummary("A payment application with its invoices and payment progress");
        fh.MapPost("/payment-applications/{application_id:guid}/invoices", RegisterInvoiceAsync).WithName("RegisterFhInvoice").ProducesErrorCodes(IncentivesErrors.InvoiceNumberUsed, IncentivesErrors.InvoiceCurrencyMismatch, IncentivesErrors.InvoicesClosed)
            .WithSummary("Register an invoice mailed for this application (several per application; an invoice covers one application)").WithIdempotency();
        return app;
    }

    private static async Task<Ok<EnrolmentsView>> ListEnrolmentsAsync(CurrentCaller caller, FhQualification qualification, CancellationToken ct) =>
        TypedResults.Ok(new EnrolmentsView([.. (await qualification.ListAsync(caller.GetPartnerGuid(), ct)).Select(EnrolmentView.Of)]));

    private static async Task<Created<EnrolmentView>> ApplyAsync(ApplyFhRequest request, CurrentCaller caller, FhQualification qualification, CancellationToken ct) =>
        Created(EnrolmentView.Of(await qualification.ApplyAsync(caller.GetPartnerGuid(), request.Track, request.AgreementSigned, request.Remark, ct)));

    private static async Task<Ok<StaffListView>> ListStaffAsync(CurrentCaller caller, FhRecords records, CancellationToken ct) =>
        TypedResults.Ok(new StaffListView([.. (await records.ListStaffAsync(caller.GetPartnerGuid(), ct)).Select(StaffView.Of)]));

    private static async Task<Ok<ProjectsView>> ListProjectsAsync(CurrentCaller caller, FhRecords records, CancellationToken ct) =>
        TypedResults.Ok(new ProjectsView([.. (await records.ListProjectsAsync(caller.GetPartnerGuid(), ct)).Select(ProjectView.Of)]));

    private static async Task<Ok<MonthlyListsView>> ListListsAsync(
        CurrentCaller caller, FhVerification lists, PageRequest page, [FromQuery] string? status, CancellationToken ct)
    {
        var (total, items) = await lists.ListAsync(caller.GetPartnerGuid(), SnakeCaseEnum.ParseOptional<MonthlyListStatus>(status, "status"), page, ct);
        return TypedResults.Ok(new MonthlyListsView(total, [.. items.Select(l => MonthlyListView.Of(l))]));
    }

    private static async Task<Ok<MonthlyListView>> GetListAsync([FromRoute(Name = "list_id")] Guid listId, CurrentCaller caller, FhVerification lists, CancellationToken ct) =>
        TypedResults.Ok(MonthlyListView.Of(await lists.GetAsync(caller.GetPartnerGuid(), listId, ct), withLines: true));

    private static async Task<Ok<MonthlyListView>> VerifyAsync(
        [FromRoute(Name = "list_id")] Guid listId, VerifyListRequest request, CurrentCaller caller, FhVerification lists, CancellationToken ct) =>
        TypedResults.Ok(MonthlyListView.Of(await lists.VerifyAsync(caller.GetPartnerGuid(), listId, request.StaffCount, request.TotalAmount, request.Materials, ct)));

    private static async Task<Ok<MonthlyListView>> GiveUpAsync([FromRoute(Name = "list_id")] Guid listId, CurrentCaller caller, FhVerification lists, CancellationToken ct) =>
        TypedResults.Ok(MonthlyListView.Of(await lists.GiveUpAsync(caller.GetPartnerGuid(), listId, ct)));

    private static async Task<Ok<PaymentApplicationsView>> ListPaymentsAsync(CurrentCaller caller, PaymentApplications payments, PageRequest page, CancellationToken ct)
    {
        var (total, items) = await payments.ListAsync(caller.GetPartnerGuid(), page, ct);
        return TypedResults.Ok(new PaymentApplicationsView(total, [.. items.Select(PaymentApplicationView.Of)]));
    }

    private static async Task<Created<PaymentApplicationView>> ApplyPaymentAsync(ApplyPaymentRequest request, CurrentCaller caller, PaymentApplications payments, CancellationToken ct)
    {
        var application = await payments.ApplyAsync(caller.GetPartnerGuid(), FieldValidation.Checked(v => v.Parsed<DateOnly>(request.Quarter, "quarter", Periods.TryParseQuarter, Periods.QuarterFormat)), ct);
        return TypedResults.Created($"/v2/partners/incentives/fh/payment-applications/{application.Id}", PaymentApplicationView.Of(application));
    }

    private static async Task<Ok<PaymentApplicationView>> GetPaymentAsync(
        [FromRoute(Name = "application_id")] Guid applicationId, CurrentCaller caller, PaymentApplications payments, CancellationToken ct) =>
        TypedResults.Ok(PaymentApplicationView.Of(await payments.GetAsync(caller.GetPartnerGuid(), applicationId, ct)));

    private static async Task<Created<InvoiceView>> RegisterInvoiceAsync(
        [FromRoute(Name = "application_id")] Guid applicationId, RegisterInvoiceRequest request, CurrentCaller caller, PaymentApplications payments, CancellationToken ct)
    {
        var (number, currency) = FieldValidation.Checked(v => (v.RequiredText(request.InvoiceNumber, "invoice_number", 64), v.Currency(request.Currency, "currency")));
        var invoice = await payments.RegisterInvoiceAsync(caller.GetPartnerGuid(), applicationId, number, request.Amount, currency, request.IssuedOn, ct);
        return TypedResults.Created($"/v2/partners/incentives/fh/payment-applications/{applicationId}", InvoiceView.Of(invoice));
    }

    private static Created<EnrolmentView> Created(EnrolmentView view) => TypedResults.Created("/v2/partners/incentives/fh/enrolments", view);
}
