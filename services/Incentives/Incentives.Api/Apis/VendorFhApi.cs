using Incentives.Api.Application;
using Incentives.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;

namespace Incentives.Api.Apis;

/// <summary>Vendor staff's side of FH: CCoE enrolment, lecturer-fund review, staff and project records, list generation, first review, payment progress.</summary>
public static class VendorFhApi
{
    public static IEndpointRouteBuilder MapVendorFhApi(this IEndpointRouteBuilder app)
    {
        var fh = app.MapGroup("/v2/vendor/incentives/fh").WithTags("FH (vendor)").RequireVendorRole(VendorRoles.VendorStaff);

        fh.MapGet("/enrolments", ListEnrolmentsAsync).WithName("VendorListFhEnrolments").ProducesErrorCodes().WithSummary("FH enrolments and applications, optionally of one partner");
        fh.MapPost("/ccoe-enrolments", EnrolCcoeAsync).WithName("EnrolFhCcoe").ProducesErrorCodes(IncentivesErrors.NotOnServicePath, IncentivesErrors.AlreadyEnrolled).WithSummary("Enrol a partner on the invite-only CCoE track").WithIdempotency();
        fh.MapPost("/enrolments/{enrolment_id:guid}/decision", DecideAsync).WithName("DecideFhLecturerFund").ProducesErrorCodes(IncentivesErrors.EnrolmentNotPending)
            .WithSummary("Approve or reject a lecturer-fund qualification application");
        fh.MapPost("/staff", AddStaffAsync).WithName("AddFhStaff").ProducesErrorCodes().WithSummary("Add a dedicated person (expert record) with the monthly amount").WithIdempotency();
        fh.MapPost("/staff/{staff_id:guid}/active-to", SetActiveToAsync).WithName("SetFhStaffActiveTo").ProducesErrorCodes().WithSummary("End (or re-open) a dedicated person's engagement");
        fh.MapPost("/projects", AddProjectAsync).WithName("AddFhProject").ProducesErrorCodes().WithSummary("Add a project record").WithIdempotency();
        fh.MapPost("/projects/{project_id:guid}/assignment", AssignAsync).WithName("AssignFhProject").ProducesErrorCodes(IncentivesErrors.StaffOfAnotherPartner, IncentivesErrors.ProjectClaimedByAnotherPerson)
            .WithSummary("Give the project to one dedicated person (a project another person holds is refused), or free it");
        fh.MapPost("/monthly-lists/generation", GenerateAsync).WithName("GenerateFhMonthlyLists").ProducesErrorCodes()
            .WithSummary("Generate a month's lists now (the schedule does it at the start of each month; lists already generated are kept)");
        fh.MapGet("/monthly-lists", ListListsAsync).WithName("VendorListFhMonthlyLists").ProducesErrorCodes().WithSummary("Monthly lists, e.g. status=in_first_review");
        fh.MapPost("/monthly-lists/{list_id:guid}/review", ReviewAsync).WithName("ReviewFhMonthlyList").ProducesErrorCodes(IncentivesErrors.ListNotInFirstReview).WithSummary("First review of a verified month: approve or reject");
        fh.MapGet("/payment-applications", ListPaymentsAsync).WithName("VendorListFhPaymentApplications").ProducesErrorCodes().WithSummary("Payment applications");
        fh.MapPost("/payment-applications/{application_id:guid}/progress", AdvanceAsync).WithName("AdvanceFhPayment").ProducesErrorCodes(IncentivesErrors.PaymentStepOutOfOrder, IncentivesErrors.InvoicesDoNotCover)
            .WithSummary("Move the payment one step: invoice_received (invoices cover the amount), paying (due in 2 working days), paid");
        return app;
    }

    private static async Task<Ok<EnrolmentsView>> ListEnrolmentsAsync([FromQuery(Name = "partner_id")] Guid? partnerId, FhQualification qualification, CancellationToken ct) =>
        TypedResults.Ok(new EnrolmentsView([.. (await qualification.ListAsync(partnerId, ct)).Select(EnrolmentView.Of)]));

    private static async Task<Created<EnrolmentView>> EnrolCcoeAsync(EnrolCcoeRequest request, CurrentCaller caller, FhQualification qualification, CancellationToken ct) =>
        TypedResults.Created("/v2/vendor/incentives/fh/enrolments", EnrolmentView.Of(await qualification.EnrolCcoeAsync(request.PartnerId, caller.Actor, ct)));

    private static async Task<Ok<EnrolmentView>> DecideAsync(
        [FromRoute(Name = "enrolment_id")] Guid enrolmentId, EnrolmentDecisionRequest request, CurrentCaller caller, FhQualification qualification, CancellationToken ct) =>
        TypedResults.Ok(EnrolmentView.Of(await qualification.DecideAsync(enrolmentId, request.Approve, caller.Actor, request.Remark, ct)));

    private static async Task<Created<StaffView>> AddStaffAsync(
        AddStaffRequest request, FhRecords records, IOptions<IncentivesOptions> options, CancellationToken ct)
    {
        if (request.MonthlyAmount < 0)
        {
            throw FieldValidation.Invalid("monthly_amount", "Must not be negative.");
        }

        var staff = await records.AddStaffAsync(
            request.PartnerId, request.Track, FieldValidation.Checked(v => v.RequiredText(request.Name, "name", 256)), request.MonthlyAmount, options.Value.FhCurrency, request.ActiveFrom, request.ActiveTo, ct);
        return TypedResults.Created("/v2/vendor/incentives/fh/staff", StaffView.Of(staff));
    }

    private static async Task<Ok<StaffView>> SetActiveToAsync([FromRoute(Name = "staff_id")] Guid staffId, StaffActiveToRequest request, FhRecords records, CancellationToken ct) =>
        TypedResults.Ok(StaffView.Of(await records.SetActiveToAsync(staffId, request.ActiveTo, ct)));

    private static async Task<Created<ProjectView>> AddProjectAsync(AddProjectRequest request, FhRecords records, CancellationToken ct) =>
        TypedResults.Created("/v2/vendor/incentives/fh/projects", ProjectView.Of(await records.AddProjectAsync(request.PartnerId, FieldValidation.Checked(v => v.RequiredText(request.Name, "name", 256)), ct)));

    private static async Task<Ok<ProjectView>> AssignAsync(
        [FromRoute(Name = "project_id")] Guid projectId, ProjectAssignmentRequest request, FhRecords records, CancellationToken ct) =>
        TypedResults.Ok(ProjectView.Of(await records.AssignProjectAsync(projectId, request.StaffId, ct)));

    private static async Task<Ok<GenerationView>> GenerateAsync(GenerateListsRequest request, MonthlyListGeneration generation, CancellationToken ct)
    {
        var month = FieldValidation.Checked(v => v.Parsed<DateOnly>(request.Month, "month", Periods.TryParseMonth, Periods.MonthFormat));
        return TypedResults.Ok(new GenerationView(Periods.MonthText(month), await generation.GenerateAsync(month, ct)));
    }

    private static async Task<Ok<MonthlyListsView>> ListListsAsync(
        [FromQuery(Name = "partner_id")] Guid? partnerId, [FromQuery] string? status, PageRequest page, FhVerification lists, CancellationToken ct)
    {
        var (total, items) = await lists.ListAsync(partnerId, SnakeCaseEnum.ParseOptional<MonthlyListStatus>(status, "status"), page, ct);
        return TypedResults.Ok(new MonthlyListsView(total, [.. items.Select(l => MonthlyListView.Of(l))]));
    }

    private static async Task<Ok<MonthlyListView>> ReviewAsync(
        [FromRoute(Name = "list_id")] Guid listId, ReviewListRequest request, CurrentCaller caller, FhVerification lists, CancellationToken ct) =>
        TypedResults.Ok(MonthlyListView.Of(await lists.ReviewAsync(listId, request.Approve, caller.Actor, request.Remark, ct)));

    private static async Task<Ok<PaymentApplicationsView>> ListPaymentsAsync(
        [FromQuery(Name = "partner_id")] Guid? partnerId, PageRequest page, PaymentApplications payments, CancellationToken ct)
    {
        var (total, items) = await payments.ListAsync(partnerId, page, ct);
        return TypedResults.Ok(new PaymentApplicationsView(total, [.. items.Select(PaymentApplicationView.Of)]));
    }

    private static async Task<Ok<PaymentApplicationView>> AdvanceAsync(
        [FromRoute(Name = "application_id")] Guid applicationId, PaymentProgressRequest request, PaymentApplications payments, CancellationToken ct)
    {
        await payments.AdvanceAsync(applicationId, request.Status, ct);
        return TypedResults.Ok(PaymentApplicationView.Of(await payments.GetAsync(null, applicationId, ct)));
    }
}
