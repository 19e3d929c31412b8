using PartnerPlatform.ServiceDefaults;

namespace Incentives.Api;

/// <summary>
/// The service's own error codes, CBC.99018xxx (the generic CBC.01xx codes come from ServiceDefaults).
/// Listed in the README and served at <c>GET /v2/reference/error-codes</c>.
/// </summary>
public static class IncentivesErrors
{
    // FH qualification.
    public static readonly ErrorCode NotOnServicePath = new(
        "CBC.99018001", 403, "Not qualified for FH", "FH is for partners on the service path at stage role_certified or capability_differentiated.");

    public static readonly ErrorCode CcoeInviteOnly = new(
        "CBC.99018002", 403, "CCoE track is invite-only", "The CCoE capability track is invite-only: the ecosystem manager enrols the partner.");

    public static readonly ErrorCode AgreementNotSigned = new(
        "CBC.99018003", 400, "FH agreement not signed", "The FH agreement must be signed to apply.");

    public static readonly ErrorCode AlreadyEnrolled = new(
        "CBC.99018004", 409, "Already enrolled", "The partner already has an enrolment or application on this track.");

    public static readonly ErrorCode EnrolmentNotPending = new(
        "CBC.99018005", 409, "Application already decided", "The lecturer-fund application was already approved or rejected.");

    public static readonly ErrorCode NotEnrolled = new(
        "CBC.99018006", 409, "Not enrolled", "The partner has no active enrolment on this track.");

    // Staff and projects.
    public static readonly ErrorCode ProjectClaimedByAnotherPerson = new(
        "CBC.99018010", 409, "Project already claimed", "The project is already claimed by another dedicated person: one project, one dedicated person.");

    public static readonly ErrorCode StaffOfAnotherPartner = new(
        "CBC.99018011", 400, "Staff of another partner", "The dedicated person and the project belong to different partners.");

    // Monthly lists.
    public static readonly ErrorCode ListNotAwaitingVerification = new(
        "CBC.99018020", 409, "List not awaiting verification", "The monthly list was already verified, reviewed or void.");

    public static readonly ErrorCode VerificationExpired = new(
        "CBC.99018021", 409, "Verification period over", "The list was not verified within 14 working days: the month's incentive is void.");

    public static readonly ErrorCode VerificationMismatch = new(
        "CBC.99018022", 400, "Headcount or amount differs", "The confirmed headcount and total amount must match the list.");

    public static readonly ErrorCode MaterialRequired = new(
        "CBC.99018023", 400, "Material required", "Upload the required material to verify the list.");

    public static readonly ErrorCode ListNotInFirstReview = new(
        "CBC.99018024", 409, "List not in first review", "Only a verified list waiting for first review can be approved or rejected.");

    // Quarterly payment.
    public static readonly ErrorCode QuarterNotOver = new(
        "CBC.99018030", 409, "Quarter not over", "Apply for a quarter's payment from the 1st of the next quarter.");

    public static readonly ErrorCode MonthStillOpen = new(
        "CBC.99018031", 409, "A month is still open", "A month of the quarter is still open for verification; verify it or give up the remaining months, then apply.");

    public static readonly ErrorCode MonthInFirstReview = new(
        "CBC.99018032", 409, "A month is in first review", "A month of the quarter is still in the vendor's first review.");

    public static readonly ErrorCode NoMonthPassed = new(
        "CBC.99018033", 409, "No month passed", "No month of the quarter passed first review: there is nothing to pay.");

    public static readonly ErrorCode BusinessInfoNotCertified = new(
        "CBC.99018034", 403, "Business information not certified", "Certify the business information before applying for payment.");

    public static readonly ErrorCode PaymentAlreadyApplied = new(
        "CBC.99018035", 409, "Payment already applied", "The quarter's payment was already applied for.");

    public static readonly ErrorCode PaymentStepOutOfOrder = new(
        "CBC.99018036", 409, "Payment step out of order", "Payment progress moves applied → invoice_received → paying → paid, one step at a time.");

    public static readonly ErrorCode InvoiceNumberUsed = new(
        "CBC.99018037", 409, "Invoice already registered", "The invoice is already registered: one invoice never covers several applications.");

    public static readonly ErrorCode InvoicesDoNotCover = new(
        "CBC.99018038", 409, "Invoices do not cover the payment", "The registered invoices' total is below the payment application's amount.");

    public static readonly ErrorCode InvoiceCurrencyMismatch = new(
        "CBC.99018039", 400, "Invoice currency differs", "The invoice's currency differs from the payment application's.");

    public static readonly ErrorCode InvoicesClosed = new(
        "CBC.99018040", 409, "Invoices closed", "Invoices can be registered until the payment is being made.");

    // Statements.
    public static readonly ErrorCode LineNotPendingConfirmation = new(
        "CBC.99018050", 409, "Line not awaiting confirmation", "The statement line is not awaiting confirmation (not yet published, or already confirmed).");

    public static readonly ErrorCode LineNotEstimated = new(
        "CBC.99018051", 409, "Line already published", "Only estimated lines can be published.");

    public static readonly ErrorCode LineNotIssuing = new(
        "CBC.99018052", 409, "Line not confirmed", "Only a confirmed line can be issued.");

    public static readonly ErrorCode LineNotLapsable = new(
        "CBC.99018053", 409, "Line cannot lapse", "Only an open positive line can lapse.");

    public static readonly ErrorCode NoFeedbackToResolve = new(
        "CBC.99018054", 409, "No open feedback", "The line has no open feedback to resolve.");

    public static readonly ErrorCode NothingToPublish = new(
        "CBC.99018055", 409, "Nothing to publish", "The partner has no estimated lines for the period.");

    // Capability incentives.
    public static readonly ErrorCode UnknownIncentiveKind = new(
        "CBC.99018060", 400, "Unknown incentive kind", "The capability incentive kind is unknown or has no scope yet.");

    public static readonly ErrorCode ClaimOutsideRegionScope = new(
        "CBC.99018061", 409, "Outside region scope", "The capability incentive does not cover this region on this date.");

    // Project subsidies.
    public static readonly ErrorCode ProjectNotApproved = new(
        "CBC.99018070", 409, "Project not approved", "The project is not an approved project or delivered opportunity of the partner.");

    public static readonly ErrorCode CapabilityTagRequired = new(
        "CBC.99018071", 403, "Capability tag required", "Projects of at least 1,000,000 CNY (overseas 125,000 USD) a year are subsidised only for partners holding a capability tag when they apply.");

    public static readonly ErrorCode SubsidyAlreadyApplied = new(
        "CBC.99018072", 409, "Subsidy already applied", "The project's subsidy was already applied for.");

    public static IReadOnlyList<ErrorCode> All { get; } =
    [
        NotOnServicePath, CcoeInviteOnly, AgreementNotSigned, AlreadyEnrolled, EnrolmentNotPending, NotEnrolled,
        ProjectClaimedByAnotherPerson, StaffOfAnotherPartner,
        ListNotAwaitingVerification, VerificationExpired, VerificationMismatch, MaterialRequired, ListNotInFirstReview,
        QuarterNotOver, MonthStillOpen, MonthInFirstReview, NoMonthPassed, BusinessInfoNotCertified, PaymentAlreadyApplied,
        PaymentStepOutOfOrder, InvoiceNumberUsed, InvoicesDoNotCover, InvoiceCurrencyMismatch, InvoicesClosed,
        LineNotPendingConfirmation, LineNotEstimated, LineNotIssuing, LineNotLapsable, NoFeedbackToResolve, NothingToPublish,
        UnknownIncentiveKind, ClaimOutsideRegionScope,
        ProjectNotApproved, CapabilityTagRequired, SubsidyAlreadyApplied,
    ];
}
