using Identity.Api.Application;
using Identity.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Apis;

/// <summary>Small helpers that turn what the use cases answer into responses.</summary>
public static class Views
{
    public static Ok<PagedResponse<TView>> Page<TItem, TView>(string itemsName, Listing<TItem> listing, Func<TItem, TView> view) =>
        TypedResults.Ok(new PagedResponse<TView>(itemsName, listing.Total, [.. listing.Items.Select(view)]));

    /// <summary>200 with the resource's <c>ETag</c> (its row version).</summary>
    public static Ok<TView> WithETag<TItem, TView>(HttpResponse response, TItem item, Func<TItem, uint> version, Func<TItem, TView> view)
    {
        response.SetETag(ETags.FromVersion(version(item)));
        return TypedResults.Ok(view(item));
    }

    /// <summary>An answer no cache may keep (its URL carries a link's secret, and the answer changes once the link is used).</summary>
    public static Ok<T> NoStore<T>(HttpResponse response, T value)
    {
        response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(value);
    }
}

public sealed record ProgrammeView(Programme Programme, ProgrammeStatus Status, DateTimeOffset JoinedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? ExpiredAt)
{
    public static ProgrammeView From(PartnerProgramme p) => new(p.Programme, p.Status, p.JoinedAt, p.ExpiresAt, p.ExpiredAt);
}

/// <summary>A partner as its own members and vendor staff see it; personal data masked.</summary>
public sealed record PartnerView(
    Guid PartnerId,
    string CompanyName,
    string Email,
    string? MobilePhone,
    string Region,
    PathStage PathStage,
    IReadOnlyList<ProgrammeView> Programmes,
    DateTimeOffset? CoExpansionJoinedAt,
    IReadOnlyList<string> CapabilityTags,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static PartnerView From(Partner partner) => new(
        partner.Id,
        partner.CompanyName,
        PiiMask.Email(partner.Email)!,
        PiiMask.Mobile(partner.MobilePhone),
        partner.Region,
        partner.PathStage,
        [.. partner.Programmes.OrderBy(p => p.JoinedAt).Select(ProgrammeView.From)],
        partner.CoExpansionJoinedAt,
        [.. partner.CapabilityTags.Select(t => t.Tag).Order(StringComparer.Ordinal)],
        partner.CreatedAt,
        partner.UpdatedAt);
}

/// <summary>The certification; the bank account number shows its last four digits only.</summary>
public sealed record CertificationView(
    Guid PartnerId,
    BusinessCertificationStatus Status,
    string BankName,
    string BankAccountName,
    string BankAccountNumber,
    string TaxId,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? ReviewDueBy,
    DateTimeOffset? ReviewedAt,
    string? ReviewNote,
    DateTimeOffset? CertifiedAt)
{
    public static CertificationView From(BusinessCertification c) => new(
        c.PartnerId, c.Status, c.BankName, c.BankAccountName, MaskAccountNumber(c.BankAccountNumber), c.TaxId, c.SubmittedAt, c.ReviewDueBy,
        c.ReviewedAt, c.ReviewNote, c.CertifiedAt);

    public static string MaskAccountNumber(string number) => number.Length <= 4 ? new string('*', number.Length) : new string('*', number.Length - 4) + number[^4..];
}

/// <summary>
/// What an invitation link is, for whoever holds it before signing in: who invites, to what, until
/// when (null: never expires), and whether it can still be accepted. No ids; a member invitation's
/// address is masked as in the partner's own list.
/// </summary>
public sealed record InvitationPreviewView(
    InvitationPreviewKind Kind,
    string PartnerName,
    AssociationType? AssociationType,
    MemberInvitationChannel? Channel,
    string? Address,
    DateTimeOffset? ExpiresAt,
    InvitationLinkStatus Status)
{
    public static InvitationPreviewView From((CustomerInvitation Invitation, string PartnerName) found, DateTimeOffset now) => From(found.Invitation, found.PartnerName, now);

    public static InvitationPreviewView From((MemberInvitation Invitation, string PartnerName) found, DateTimeOffset now) => From(found.Invitation, found.PartnerName, now);

    public static InvitationPreviewView From(CustomerInvitation invitation, string partnerName, DateTimeOffset now) => new(
        invitation.Kind == CustomerInvitationKind.Online ? InvitationPreviewKind.CustomerOnline : InvitationPreviewKind.CustomerOffline,
        partnerName,
        invitation.AssociationType,
        Channel: null,
        Address: null,
        invitation.ExpiresAt,
        // In the order acceptance checks them; offline links are never used up and never expire.
        invitation.UsedAt is not null ? InvitationLinkStatus.Used
        : invitation.ExpiresAt <= now ? InvitationLinkStatus.Expired
        : InvitationLinkStatus.Valid);

    public static InvitationPreviewView From(MemberInvitation invitation, string partnerName, DateTimeOffset now) => new(
        InvitationPreviewKind.Member,
        partnerName,
        AssociationType: null,
        invitation.Channel,
        invitation.Channel == MemberInvitationChannel.Email ? PiiMask.Email(invitation.Address) : PiiMask.Mobile(invitation.Address),
        invitation.ExpiresAt,
        invitation.StatusAt(now) switch
        {
            MemberInvitationStatus.Accepted => InvitationLinkStatus.Used,
            MemberInvitationStatus.Expired => InvitationLinkStatus.Expired,
            _ => InvitationLinkStatus.Valid,
        });
}

public enum InvitationPreviewKind
{
    /// <summary>An emailed invitation of a pre-registered customer: 7 days, single use.</summary>
    CustomerOnline,

    /// <summary>An offline link or QR code: never expires, any number of customers.</summary>
    CustomerOffline,

    /// <summary>An invitation to bind a personal account to the partner as a member.</summary>
    Member,
}

/// <summary>Whether the link itself can still be accepted (the accepting account may still be refused, e.g. a customer already associated).</summary>
public enum InvitationLinkStatus
{
    Valid,
    Expired,
    Used,
}

public sealed record MemberView(
    Guid MemberId, string UserName, string? DisplayName, AccountKind Kind, string? Email, string? MobilePhone, IReadOnlyList<Guid> RoleIds, DateTimeOffset CreatedAt)
{
    public static MemberView From(Account account, IReadOnlyList<Guid> roleIds) => new(
        account.Id, account.UserName!, account.DisplayName, account.Kind, PiiMask.Email(account.Email), PiiMask.Mobile(account.PhoneNumber), roleIds, account.CreatedAt);

    public static MemberView From(MemberQueries.MemberWithRoles member) => From(member.Account, member.RoleIds);

    public static Created<MemberView> Created(Account account, IReadOnlyList<Guid>? roleIds) =>
        TypedResults.Created($"/v2/partners/members/{account.Id}", From(account, roleIds ?? []));
}

public sealed record RoleView(Guid RoleId, string Name, IReadOnlyList<string> Permissions, DateTimeOffset UpdatedAt)
{
    public static RoleView From(PartnerRole role) => new(role.Id, role.Name, role.Permissions, role.UpdatedAt);

    public static Created<RoleView> Created(PartnerRole role) => TypedResults.Created($"/v2/partners/members/roles/{role.Id}", From(role));
}

public sealed record MemberInvitationView(
    Guid InvitationId, MemberInvitationChannel Channel, string Address, MemberInvitationStatus Status, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, Guid InvitedBy)
{
    public static MemberInvitationView From(MemberInvitation i, DateTimeOffset now) => new(
        i.Id, i.Channel, (i.Channel == MemberInvitationChannel.Email ? PiiMask.Email(i.Address) : PiiMask.Mobile(i.Address))!, i.StatusAt(now), i.CreatedAt, i.ExpiresAt, i.InvitedBy);
}

/// <summary>The field in clear (null when the customer has none).</summary>
public sealed record RevealedField(string Field, string? Value)
{
    public static RevealedField From(SubCustomers.RevealedValue revealed) => new(revealed.Field, revealed.Value);
}

/// <summary><c>check_result</c>: <c>available</c> or <c>used</c>; for a mobile, whether it reached its registration limit.</summary>
public sealed record CheckIdentityResponse(string CheckResult, bool? RegistrationLimitReached)
{
    public static CheckIdentityResponse From((bool Used, bool? LimitReached) check) => new(check.Used ? "used" : "available", check.LimitReached);
}

/// <summary><c>domain_id</c> is the customer id.</summary>
public sealed record CreateCustomerResponse(Guid DomainId, string DomainName, string XaccountId, AssociationResultView? AssociationResult)
{
    /// <summary>201 for a new customer, 200 for a replay of an earlier identical call.</summary>
    public static Results<Created<CreateCustomerResponse>, Ok<CreateCustomerResponse>> Answer(SubCustomers.CreatedCustomer created)
    {
        var customer = created.Customer;
        var response = new CreateCustomerResponse(
            customer.Id,
            customer.AccountName,
            customer.XAccountId!,
            created.Association is { } association ? new AssociationResultView(association.Status, AssociationType.Reseller, association.FailureReason) : null);
        return created.Created
            ? TypedResults.Created($"/v2/partners/sub-customers/{customer.Id}", response)
            : TypedResults.Ok(response);
    }
}

/// <summary><c>status</c>: <c>processing</c>, <c>associated</c> or <c>failed</c> (with <c>failure_reason</c>).</summary>
public sealed record AssociationResultView(string Status, AssociationType AssociationType, string? FailureReason);

/// <summary>A customer in lists and details; personal data masked.</summary>
public sealed record CustomerInfo(
    Guid DomainId,
    string DomainName,
    string? Customer,
    string? Email,
    string? MobilePhone,
    AssociationType AssociationType,
    DateTimeOffset AssociatedOn,
    Guid? AccountManagerId,
    Guid? DistributorId)
{
    public static CustomerInfo From(SubCustomers.CustomerWithAssociation found) => From(found.Customer, found.Association);

    public static CustomerInfo From((Customer Customer, Association Association) found) => From(found.Customer, found.Association);

    public static CustomerInfo From(Customer customer, Association association) => new(
        customer.Id,
        customer.AccountName,
        PiiMask.Name(customer.DisplayName),
        PiiMask.Email(customer.Email),
        PiiMask.Mobile(customer.MobilePhone),
        association.Type,
        association.AssociatedAt,
        association.AccountManagerId,
        association.DistributorId);
}

public sealed record StaffView(Guid UserId, string UserName, VendorRole VendorRole, string? Region)
{
    public static Created<StaffView> Created(Account account) =>
        TypedResults.Created($"/v2/vendor/partners/staff/{account.Id}", new StaffView(account.Id, account.UserName!, account.VendorRole!.Value, account.Region));
}

/// <summary>A pre-registered customer; personal data masked. <c>status</c> reads <c>expired</c> once the protection lapsed.</summary>
public sealed record ProspectView(
    Guid RegistrationId,
    string CompanyName,
    string? ContactName,
    string? MobilePhone,
    string? Email,
    AssociationType AssociationType,
    ProspectStatus Status,
    DateTimeOffset ProtectedUntil,
    Guid? CustomerId,
    DateTimeOffset CreatedAt,
    string? AccountName)
{
    public static Created<ProspectView> Created(Prospect prospect, DateTimeOffset now) =>
        TypedResults.Created($"/v2/partners/sub-customers/registrations/{prospect.Id}", From(prospect, now));

    public static ProspectView From(Prospect prospect, DateTimeOffset now) => new(
        prospect.Id,
        prospect.CompanyName,
        PiiMask.Name(prospect.ContactName),
        PiiMask.Mobile(prospect.MobilePhone),
        PiiMask.Email(prospect.Email),
        prospect.AssociationType,
        prospect.EffectiveStatus(now),
        prospect.ProtectedUntil,
        prospect.CustomerId,
        prospect.CreatedAt,
        prospect.AccountName);
}

/// <summary>An invitation; <c>link</c> is given for offline invitations only (online ones go to the customer's mailbox).</summary>
public sealed record InvitationView(
    Guid InvitationId, CustomerInvitationKind Kind, AssociationType AssociationType, Guid InvitedBy, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, string? Link)
{
    public static InvitationView From(CustomerInvitation invitation, string? link) => new(
        invitation.Id, invitation.Kind, invitation.AssociationType, invitation.InvitedBy, invitation.CreatedAt, invitation.ExpiresAt, link);

    public static Created<InvitationView> CreatedOnline(CustomerInvitation invitation) =>
        TypedResults.Created($"/v2/partners/sub-customers/registrations/{invitation.ProspectId}/invitations/{invitation.Id}", From(invitation, link: null));

    public static Created<InvitationView> CreatedOffline(CustomerInvitation invitation, Func<CustomerInvitation, string> link) =>
        TypedResults.Created($"/v2/partners/sub-customers/offline-invitations/{invitation.Id}/qrcode", From(invitation, link(invitation)));
}

/// <summary>What the caller may do with the customer now; <c>cooldown_ends_at</c> is set while the 3-month cooldown runs.</summary>
public sealed record CapabilitiesView(
    bool CanDisassociate,
    IReadOnlyList<string> DisassociationBlockers,
    DateTimeOffset? CooldownEndsAt,
    bool CanRequestOrderAuthorisation,
    bool CanRequestShareAuthorisation,
    bool CanAssignAccountManager,
    bool CanHandleWarnings)
{
    public static CapabilitiesView From(CustomerCapabilities.Capabilities c) => new(
        c.CanDisassociate, c.DisassociationBlockers, c.CooldownEndsAt, c.CanRequestOrderAuthorisation, c.CanRequestShareAuthorisation, c.CanAssignAccountManager,
        c.CanHandleWarnings);
}

public sealed record AuthorisationView(
    Guid AuthorisationId, Guid CustomerId, Guid PartnerId, AuthorisationPurpose Purpose, AuthorisationStatus Status, DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt)
{
    public static AuthorisationView From(AuthorisationRequest r) => new(r.Id, r.CustomerId, r.PartnerId, r.Purpose, r.Status, r.RequestedAt, r.DecidedAt);
}

public sealed record WarningView(
    Guid WarningId, Guid CustomerId, CustomerWarningKind Kind, CustomerWarningStatus Status, DateTimeOffset RaisedAt, DateTimeOffset RefreshedAt,
    DateTimeOffset? ClosedAt, Guid? ClosedBy, string? Note)
{
    public static WarningView From(CustomerWarning w) => new(w.Id, w.CustomerId, w.Kind, w.Status, w.RaisedAt, w.RefreshedAt, w.ClosedAt, w.ClosedBy, w.Note);
}

public sealed record CustomerAccountView(Guid DomainId, string DomainName)
{
    public static Created<CustomerAccountView> Created(Customer customer) =>
        TypedResults.Created("/v2/partners/sub-customers/me/association", new CustomerAccountView(customer.Id, customer.AccountName));
}

public sealed record MyAssociationView(Guid PartnerId, AssociationType AssociationType, DateTimeOffset AssociatedOn, Guid? InvitedBy)
{
    public static MyAssociationView From(Association a) => new(a.PartnerId, a.Type, a.AssociatedAt, a.InvitedBy);
}

public sealed record CustomerAccountFactsView(
    Guid CustomerId, bool UnpaidPartnerOrders, decimal ArrearsAmount, bool ManualFreeze, DateTimeOffset? ReservedResourcesUntil,
    decimal? Balance, DateTimeOffset? ResourcesExpiringAt, DateTimeOffset UpdatedAt)
{
    public static CustomerAccountFactsView From(CustomerAccountFacts f) => new(
        f.CustomerId, f.UnpaidPartnerOrders, f.ArrearsAmount, f.ManualFreeze, f.ReservedResourcesUntil, f.Balance, f.ResourcesExpiringAt, f.UpdatedAt);
}

public sealed record CallerView(
    string UserId, string? PartnerId, IReadOnlyList<string> Programmes, IReadOnlyList<string> Permissions,
    string? VendorRole, string? CustomerId, string? Region);

/// <summary>How long the code is valid, in minutes.</summary>
public sealed record SendCodeResponse(int Timeout);
