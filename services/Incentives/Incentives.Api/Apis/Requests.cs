using Incentives.Api.Domain;

namespace Incentives.Api.Apis;

public sealed record ApplyFhRequest(FhTrack Track, bool AgreementSigned, string? Remark = null);

public sealed record EnrolCcoeRequest(Guid PartnerId);

public sealed record EnrolmentDecisionRequest(bool Approve, string? Remark = null);

public sealed record AddStaffRequest(Guid PartnerId, FhTrack Track, string Name, decimal MonthlyAmount, DateOnly ActiveFrom, DateOnly? ActiveTo = null);

public sealed record StaffActiveToRequest(DateOnly? ActiveTo = null);

public sealed record AddProjectRequest(Guid PartnerId, string Name);

public sealed record ProjectAssignmentRequest(Guid? StaffId = null);

public sealed record GenerateListsRequest(string Month);

public sealed record VerifyListRequest(int StaffCount, decimal TotalAmount, IReadOnlyList<string> Materials);

public sealed record ReviewListRequest(bool Approve, string? Remark = null);

public sealed record ApplyPaymentRequest(string Quarter);

public sealed record RegisterInvoiceRequest(string InvoiceNumber, decimal Amount, string Currency, DateOnly IssuedOn);

public sealed record PaymentProgressRequest(PaymentStatus Status);

public sealed record EstimateLineRequest(
    Guid PartnerId, string Period, string IncentiveKind, decimal Amount, string Currency, string Metric, decimal MetricValue, string Formula, IReadOnlyList<string> Sources);

public sealed record PublishStatementRequest(Guid PartnerId, string Period);

public sealed record FeedbackRequest(string Feedback);

public sealed record ResolveFeedbackRequest(decimal? CorrectedAmount = null);

public sealed record ChangeScopeRequest(RegionScope RegionScope, DateOnly EffectiveFrom);

public sealed record CapabilityClaimRequest(string IncentiveKind, RegionScope Region, decimal Amount, string Currency);

public sealed record ApplySubsidyRequest(Guid ProjectId);

public sealed record SetMdfQuotaRequest(decimal Amount, string Currency);

public sealed record MdfApplicationRequest(
    string Category, string Title, DateOnly ActivityStart, DateOnly ActivityEnd, decimal Amount, string Currency, bool LegalAttestation);

public sealed record MdfDecisionRequest(bool Approve, decimal? ApprovedAmount = null, string? Remark = null);

public sealed record MdfInvoiceRequest(string InvoiceNumber, decimal Amount, string Currency, DateOnly IssuedOn);

public sealed record MdfClaimRequest(decimal Amount, string Currency, IReadOnlyList<MdfInvoiceRequest> Invoices);

public sealed record MdfClaimDecisionRequest(bool Approve, string? Remark = null);

public sealed record NreMilestoneRequest(string Name, decimal Amount);

public sealed record UploadNreRequest(
    Guid PartnerId, Guid SolutionId, string SolutionName, string DocumentReference, string DocumentSha256, decimal TotalAmount, string Currency,
    IReadOnlyList<NreMilestoneRequest> Milestones);

public sealed record NreDocumentRequest(string DocumentReference, string DocumentSha256);

public sealed record NreReviewRequest(bool Approve, string? Remark = null);

public sealed record NreAcceptanceApplicationRequest(IReadOnlyList<string> Materials);

public sealed record NreAcceptanceDecisionRequest(bool Accept, string? Remark = null);
