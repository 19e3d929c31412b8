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

    // MDF.
    public static readonly ErrorCode MdfUnknownCategory = new(
        "CBC.99018080", 400, "Unknown MDF category", "The category is not a reimbursable MDF category.");

    public static readonly ErrorCode MdfAttestationRequired = new(
        "CBC.99018081", 400, "Legal attestation required", "Attest that the activity obeys the law and that the partner and the persons involved bear the legal liability.");

    public static readonly ErrorCode MdfNoQuota = new(
        "CBC.99018082", 409, "No MDF quota", "The partner has no MDF quota for the activity's year.");

    public static readonly ErrorCode MdfQuotaExceeded = new(
        "CBC.99018083", 409, "MDF quota exceeded", "The amount exceeds what is left of the partner's MDF quota for the year.");

    public static readonly ErrorCode MdfApplicationNotPending = new(
        "CBC.99018084", 409, "MDF application already decided", "The MDF application was already approved or rejected.");

    public static readonly ErrorCode MdfApplicationNotApproved = new(
        "CBC.99018085", 409, "MDF application not approved", "Claims are made against an approved MDF application only.");

    public static readonly ErrorCode MdfActivityNotStarted = new(
        "CBC.99018086", 409, "Activity not started", "The activity becomes active on its start date; claim from then on.");

    public static readonly ErrorCode MdfClaimWindowClosed = new(
        "CBC.99018087", 409, "Claim window closed", "The activity's claim window is over: the activity expired.");

    public static readonly ErrorCode MdfClaimExceedsApproved = new(
        "CBC.99018088", 409, "Claim exceeds the approved amount", "The claims of an application never exceed its approved amount.");

    public static readonly ErrorCode MdfInvoicesDoNotCover = new(
        "CBC.99018089", 400, "Invoices do not cover the claim", "The invoices' total must be at least the claimed amount.");

    public static readonly ErrorCode MdfInvoiceCurrencyMismatch = new(
        "CBC.99018090", 400, "Currency differs", "The claim and its invoices are in the application's currency.");

    public static readonly ErrorCode MdfInvoiceNumberUsed = new(
        "CBC.99018091", 409, "Invoice already used", "The invoice is already part of an MDF claim: one invoice never covers two claims.");

    public static readonly ErrorCode MdfClaimNotSubmitted = new(
        "CBC.99018092", 409, "Claim already decided", "Only a submitted claim can be approved or rejected.");

    public static readonly ErrorCode MdfClaimNotApproved = new(
        "CBC.99018093", 409, "Claim not approved", "Only an approved claim can be paid.");

    public static readonly ErrorCode MdfQuotaBelowApproved = new(
        "CBC.99018094", 409, "Quota below approved amounts", "The quota cannot be set below what approvals already reserved from it.");

    public static readonly ErrorCode MdfActivityInPast = new(
        "CBC.99018095", 409, "Activity already started", "MDF is applied for before the activity starts.");

    // NRE.
    public static readonly ErrorCode NreSolutionHasAgreement = new(
        "CBC.99018100", 409, "Solution already has an NRE", "One NRE per solution: the solution already has an agreement.");

    public static readonly ErrorCode NreAgreementNotReviewed = new(
        "CBC.99018101", 409, "Agreement not reviewed", "Milestone acceptance is applied for once the ecosystem manager has reviewed the agreement.");

    public static readonly ErrorCode NreMilestoneOutOfOrder = new(
        "CBC.99018102", 409, "Milestone out of order", "Milestones are accepted in the agreement's order: the previous milestone is not accepted yet.");

    public static readonly ErrorCode NreMilestoneNotPending = new(
        "CBC.99018103", 409, "Milestone already applied", "The milestone's acceptance was already applied for or accepted.");

    public static readonly ErrorCode NreMilestoneNotApplied = new(
        "CBC.99018104", 409, "Milestone acceptance not applied", "Only a milestone whose acceptance was applied for can be accepted or refused.");

    public static readonly ErrorCode NreAgreementNotAwaitingReview = new(
        "CBC.99018105", 409, "Agreement not awaiting review", "Only an uploaded agreement can be reviewed.");

    public static readonly ErrorCode NreAgreementNotReturned = new(
        "CBC.99018106", 409, "Agreement not returned", "A corrected agreement is uploaded only after the review returned it.");

    public static readonly ErrorCode NreMilestonesDoNotAddUp = new(
        "CBC.99018107", 400, "Milestones do not add up", "The milestones' amounts must add up to the agreement's total.");

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
        MdfUnknownCategory, MdfAttestationRequired, MdfNoQuota, MdfQuotaExceeded, MdfApplicationNotPending, MdfApplicationNotApproved,
        MdfActivityNotStarted, MdfClaimWindowClosed, MdfClaimExceedsApproved, MdfInvoicesDoNotCover, MdfInvoiceCurrencyMismatch,
        MdfInvoiceNumberUsed, MdfClaimNotSubmitted, MdfClaimNotApproved, MdfQuotaBelowApproved, MdfActivityInPast,
        NreSolutionHasAgreement, NreAgreementNotReviewed, NreMilestoneOutOfOrder, NreMilestoneNotPending, NreMilestoneNotApplied,
        NreAgreementNotAwaitingReview, NreAgreementNotReturned, NreMilestonesDoNotAddUp,
    ];
}
