using Identity.Api.Application;
using Identity.Api.Domain;

namespace Identity.Api.Apis;

// Org members
public sealed record CreateMemberRequest(
    string? UserName = null, string? Password = null, string? DisplayName = null, string? Email = null, string? MobilePhone = null, IReadOnlyList<Guid>? RoleIds = null)
{
    public Members.NewMember ToNewMember() => new(UserName, Password, DisplayName, Email, MobilePhone, RoleIds);
}

public sealed record AssignRolesRequest(IReadOnlyList<Guid>? RoleIds = null);

public sealed record RoleRequest(string? Name = null, IReadOnlyList<string>? Permissions = null)
{
    public Members.RoleDefinition ToDefinition() => new(Name, Permissions);
}

public sealed record InviteMemberRequest(MemberInvitationChannel? Channel = null, string? Address = null);

public sealed record AcceptMemberInvitationRequest(string? Token = null);

// Customer registration API (seed)
public sealed record RevealRequest(string? Field = null);

public sealed record CheckIdentityRequest(string? SearchType = null, string? SearchValue = null);

public sealed record CreateCustomerRequest(
    string? XaccountId = null,
    string? XaccountType = null,
    string? DomainName = null,
    string? MobilePhone = null,
    string? VerificationCode = null,
    string? Email = null,
    string? Password = null,
    Guid? IndirectPartnerId = null,
    bool? IncludeAssociationResult = null)
{
    public SubCustomers.CustomerRequest ToInput() =>
        new(XaccountId, XaccountType, DomainName, MobilePhone, VerificationCode, Email, Password, IndirectPartnerId, IncludeAssociationResult);
}

public sealed record QueryCustomersRequest(
    string? AccountName = null,
    string? Customer = null,
    AssociationType? AssociationType = null,
    DateTimeOffset? AssociatedOnBegin = null,
    DateTimeOffset? AssociatedOnEnd = null,
    Guid? IndirectPartnerId = null,
    int? Offset = null,
    int? Limit = null)
{
    public SubCustomers.CustomerFilter ToFilter() =>
        new(AccountName, Customer, AssociationType, AssociatedOnBegin, AssociatedOnEnd, IndirectPartnerId, Offset, Limit);
}

// Partner profile
public sealed record RegisterPartnerRequest(
    string? UserName = null, string? Password = null, string? CompanyName = null, string? Email = null, string? MobilePhone = null, string? Region = null)
{
    public PartnerRegistration.NewPartner ToNewPartner() => new(UserName, Password, CompanyName, Email, MobilePhone, Region);
}

public sealed record JoinProgrammeRequest(Programme? Programme = null);

public sealed record JoinCoExpansionPlanRequest(bool? AcceptConditions = null);

public sealed record SubmitCertificationRequest(string? BankName = null, string? BankAccountName = null, string? BankAccountNumber = null, string? TaxId = null)
{
    public BusinessCertifications.Submission ToSubmission() => new(BankName, BankAccountName, BankAccountNumber, TaxId);
}

public sealed record SubmitBankLetterRequest(string? DocumentReference = null);

// Vendor staff on partners
public sealed record SetPathStageRequest(PathStage? PathStage = null);

public sealed record GrantTagRequest(string? Tag = null);

public sealed record GrantProgrammeRequest(Programme? Programme = null, DateTimeOffset? ExpiresAt = null);

public sealed record ReviewRequest(string? Note = null);

public sealed record RecordSupplierRequest(string? TaxId = null, string? BankAccountNumber = null);

public sealed record CreateStaffRequest(string? UserName = null, string? Password = null, VendorRole? VendorRole = null, string? DisplayName = null, string? Region = null)
{
    public VendorStaff.NewStaff ToNewStaff() => new(UserName, Password, VendorRole, DisplayName, Region);
}

// Customer association: pre-registrations and invitations
public sealed record RegisterProspectRequest(
    string? CompanyName = null, string? ContactName = null, string? MobilePhone = null, string? Email = null, AssociationType? AssociationType = null,
    string? UserName = null)
{
    public Prospects.NewProspect ToNewProspect() => new(CompanyName, ContactName, MobilePhone, Email, AssociationType, UserName);
}

public sealed record AddEmailRequest(string? Email = null);

public sealed record CreateOfflineInvitationRequest(AssociationType? AssociationType = null);

// The partner's side of an association
public sealed record RequestAuthorisationRequest(AuthorisationPurpose? Purpose = null);

public sealed record AssignAccountManagerRequest(Guid? MemberId = null);

public sealed record CloseWarningRequest(string? Note = null);

// The customer's own side
public sealed record RegisterCustomerRequest(string? DomainName = null, string? Password = null, string? Email = null)
{
    public CustomerRegistration.SignUp ToSignUp() => new(DomainName, Password, Email);
}

public sealed record AcceptInvitationRequest(string? Token = null, IReadOnlyList<AcceptedDocumentRequest>? AcceptedDocuments = null);

// Vendor staff on customers
/// <summary>Replaces all facts; an absent field means "none".</summary>
public sealed record RecordFactsRequest(
    bool? UnpaidPartnerOrders = null,
    decimal? ArrearsAmount = null,
    bool? ManualFreeze = null,
    DateTimeOffset? ReservedResourcesUntil = null,
    decimal? Balance = null,
    DateTimeOffset? ResourcesExpiringAt = null)
{
    public AccountFacts.Facts ToFacts() => new(UnpaidPartnerOrders, ArrearsAmount, ManualFreeze, ReservedResourcesUntil, Balance, ResourcesExpiringAt);
}

// Sign-in and tokens
public sealed record LoginRequest(string? Username = null, string? Password = null);

public sealed record RefreshRequest(string? RefreshToken = null);

public sealed record ChangePasswordRequest(string? CurrentPassword = null, string? NewPassword = null);

// Verification codes
/// <summary><c>receiver_type</c>: 1 SMS, 2 email. <c>timeout</c>: minutes (default 10; over 60 counts as 5).</summary>
public sealed record SendCodeRequest(int? ReceiverType = null, string? MobilePhone = null, string? Email = null, int? Timeout = null, string? Lang = null)
{
    public VerificationCodes.SendCode ToSendCode() => new(ReceiverType, MobilePhone, Email, Timeout, Lang);
}
