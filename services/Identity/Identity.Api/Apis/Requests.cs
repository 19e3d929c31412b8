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
