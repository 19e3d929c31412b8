using Identity.Api.Data;
using Identity.Api.Domain;
using Identity.Api.Application;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Apis;

/// <summary>The seed's customer registration API: check registration info, create customers, query customers.</summary>
public static class SubCustomersApi
{
    public static IEndpointRouteBuilder MapSubCustomersApi(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/v2/partners/sub-customers").WithTags("Customers").RequirePartner();

        customers.MapPost("/users/check-identity", CheckIdentityAsync)
            .WithName("CheckCustomerIdentity")
            .WithSummary("Check whether an email, mobile number or account name can still be used to register a customer");
        customers.MapPost("/", CreateAsync)
            .WithName("CreateCustomer")
            .WithSummary("Create a customer account; the association with the partner follows asynchronously")
            .RequirePermission(PermissionItems.CustomersCreate)
            .WithIdempotency(required: false);
        customers.MapPost("/query", QueryAsync)
            .WithName("QueryCustomers")
            .WithSummary("The partner's associated customers, filtered and paged, personal data masked");
        customers.MapGet("/{customerId:guid}", GetAsync)
            .WithName("GetCustomer")
            .WithSummary("One associated customer, personal data masked");
        customers.MapPost("/{customerId:guid}/reveal", RevealAsync)
            .WithName("RevealCustomerField")
            .WithSummary("Show one personal data field of an associated customer in clear; every call is recorded")
            .RequirePermission(PermissionItems.CustomersViewPii);
        return app;
    }

    public static async Task<Ok<CheckIdentityResponse>> CheckIdentityAsync(
        CheckIdentityRequest request, CustomerRegistration registration, CancellationToken cancellationToken)
    {
        var value = Rules.Clean(request.SearchValue) ?? throw ApiException.InvalidField("search_value", "search_value is required.");
        switch (request.SearchType)
        {
            case "email" when !Rules.IsValidEmail(value):
                throw ApiException.InvalidField("search_value", "search_value must be a valid email address.");
            case "email":
                value = value.ToLowerInvariant();
                break;
            case "mobile" when !Rules.IsValidMobile(value):
                throw new ApiException(IdentityErrors.InvalidMobile, null, Field("search_value", IdentityErrors.InvalidMobile.Message));
            case "name" when !Rules.IsValidAccountName(value):
                throw new ApiException(IdentityErrors.InvalidAccountName, null, Field("search_value", IdentityErrors.InvalidAccountName.Message));
            case "mobile" or "name":
                break;
            default:
                throw ApiException.InvalidField("search_type", "search_type is email, mobile or name.");
        }

        var (used, limitReached) = await registration.CheckAsync(request.SearchType, value, cancellationToken);
        return TypedResults.Ok(new CheckIdentityResponse(used ? "used" : "available", request.SearchType == "mobile" ? limitReached : null));
    }

    public static async Task<Results<Created<CreateCustomerResponse>, Ok<CreateCustomerResponse>>> CreateAsync(
        CreateCustomerRequest request,
        CurrentCaller caller,
        CustomerRegistration registration,
        DistributorScope distributors,
        IdentityDbContext db,
        IOptions<IdentityOptions> options,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var partnerId = caller.RequirePartnerGuid();
        var newCustomer = await ValidateAsync(request, caller, partnerId, distributors, cancellationToken);
        var (customer, created) = await registration.CreateAsync(newCustomer, cancellationToken);

        AssociationResultView? association = null;
        if (request.IncludeAssociationResult == true)
        {
            var deadline = timeProvider.GetTimestamp() + (long)(options.Value.AssociationResultWait.TotalSeconds * timeProvider.TimestampFrequency);
            var status = customer.AssociationStatus;
            string? failure = null;
            while (status == AssociationStatus.Pending && timeProvider.GetTimestamp() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), timeProvider, cancellationToken);
                var current = await db.Customers.AsNoTracking().Where(c => c.Id == customer.Id)
                    .Select(c => new { c.AssociationStatus, c.AssociationFailure }).SingleAsync(cancellationToken);
                (status, failure) = (current.AssociationStatus, current.AssociationFailure);
            }

            association = new AssociationResultView(
                status == AssociationStatus.Pending ? "processing" : SnakeCaseNames.Of(status),
                AssociationType.Reseller,
                failure);
        }

        var response = new CreateCustomerResponse(customer.Id, customer.AccountName, customer.XAccountId!, association);
        return created
            ? TypedResults.Created($"/v2/partners/sub-customers/{customer.Id}", response)
            : TypedResults.Ok(response);
    }

    public static async Task<Ok<PagedResponse<CustomerInfo>>> QueryAsync(
        QueryCustomersRequest request, CurrentCaller caller, IdentityDbContext db, DistributorScope distributors, CancellationToken cancellationToken)
    {
        var page = PageRequest.Create(request.Offset, request.Limit);
        if (request.AssociatedOnBegin > request.AssociatedOnEnd)
        {
            throw ApiException.InvalidField("associated_on_begin", "associated_on_begin must not be after associated_on_end.");
        }

        var partnerId = caller.RequirePartnerGuid();
        var owner = partnerId;
        if (request.IndirectPartnerId is { } reseller)
        {
            await distributors.EnsureActsForAsync(partnerId, reseller, cancellationToken);
            owner = reseller;
        }

        var query =
            from association in db.Associations.AsNoTracking()
            join customer in db.Customers.AsNoTracking() on association.CustomerId equals customer.Id
            where association.PartnerId == owner && association.EndedAt == null
            select new { association, customer };
        if (Rules.Clean(request.AccountName) is { } accountName)
        {
            query = query.Where(x => EF.Functions.ILike(x.customer.AccountName, "%" + Like(accountName) + "%"));
        }

        if (Rules.Clean(request.Customer) is { } name)
        {
            var pattern = "%" + Like(name) + "%";
            query = query.Where(x => EF.Functions.ILike(x.customer.AccountName, pattern)
                || (x.customer.DisplayName != null && EF.Functions.ILike(x.customer.DisplayName, pattern)));
        }

        if (request.AssociationType is { } type)
        {
            query = query.Where(x => x.association.Type == type);
        }

        if (request.AssociatedOnBegin is { } begin)
        {
            query = query.Where(x => x.association.AssociatedAt >= begin);
        }

        if (request.AssociatedOnEnd is { } end)
        {
            query = query.Where(x => x.association.AssociatedAt <= end);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(x => x.association.AssociatedAt).ThenBy(x => x.customer.Id)
            .Skip(page.Offset).Take(page.Limit).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<CustomerInfo>(
            "customer_infos", total, [.. rows.Select(x => CustomerInfo.From(x.customer, x.association))]));
    }

    public static async Task<Ok<CustomerInfo>> GetAsync(Guid customerId, CurrentCaller caller, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var partnerId = caller.RequirePartnerGuid();
        var row = await (
            from association in db.Associations.AsNoTracking()
            join customer in db.Customers.AsNoTracking() on association.CustomerId equals customer.Id
            where association.CustomerId == customerId && association.PartnerId == partnerId && association.EndedAt == null
            select new { association, customer }).SingleOrDefaultAsync(cancellationToken)
            ?? throw ApiException.NotFound();
        return TypedResults.Ok(CustomerInfo.From(row.customer, row.association));
    }

    public static async Task<Ok<RevealedField>> RevealAsync(
        Guid customerId, RevealRequest request, CurrentCaller caller, IdentityDbContext db, TimeProvider timeProvider,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (request.Field is not ("mobile_phone" or "email" or "customer"))
        {
            throw ApiException.InvalidField("field", "field is mobile_phone, email or customer.");
        }

        var partnerId = caller.RequirePartnerGuid();
        var association = await db.Associations.AsNoTracking()
            .SingleOrDefaultAsync(a => a.CustomerId == customerId && a.PartnerId == partnerId && a.EndedAt == null, cancellationToken)
            ?? throw ApiException.NotFound();
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == association.CustomerId, cancellationToken);
        var now = timeProvider.Now();
        db.PiiReveals.Add(new PiiReveal
        {
            Id = Guid.CreateVersion7(now), PartnerId = partnerId, AccountId = caller.RequireUserGuid(), CustomerId = customerId, Field = request.Field, RevealedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        loggers.CreateLogger(typeof(SubCustomersApi)).LogInformation(
            "Account {AccountId} of partner {PartnerId} revealed {Field} of customer {CustomerId}.", caller.UserId, partnerId, request.Field, customerId);
        return TypedResults.Ok(new RevealedField(request.Field, request.Field switch
        {
            "mobile_phone" => customer.MobilePhone,
            "email" => customer.Email,
            _ => customer.DisplayName,
        }));
    }

    private static async Task<CustomerRegistration.NewCustomer> ValidateAsync(
        CreateCustomerRequest request, CurrentCaller caller, Guid partnerId, DistributorScope distributors, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var xaccountId = Rules.Clean(request.XaccountId);
        var xaccountType = Rules.Clean(request.XaccountType);
        var email = Rules.Clean(request.Email)?.ToLowerInvariant();
        var code = Rules.Clean(request.VerificationCode);
        if (xaccountId is not { Length: <= 128 })
        {
            errors["xaccount_id"] = ["xaccount_id is required, at most 128 characters."];
        }

        if (xaccountType is not { Length: <= 64 })
        {
            errors["xaccount_type"] = ["xaccount_type is required, at most 64 characters."];
        }

        if (email is not null && !Rules.IsValidEmail(email))
        {
            errors["email"] = ["email must be a valid email address."];
        }

        if (Rules.Clean(request.MobilePhone) is not null && code is null)
        {
            errors["verification_code"] = ["verification_code is required with mobile_phone."];
        }
        else if (code is not null && (code.Length != 6 || !code.All(char.IsAsciiDigit)))
        {
            errors["verification_code"] = ["verification_code is six digits."];
        }

        if (errors.Count > 0)
        {
            throw ApiException.Validation(errors);
        }

        var accountName = Rules.Clean(request.DomainName);
        if (accountName is not null && !Rules.IsValidAccountName(accountName))
        {
            throw new ApiException(IdentityErrors.InvalidAccountName, null, Field("domain_name", IdentityErrors.InvalidAccountName.Message));
        }

        var mobile = Rules.Clean(request.MobilePhone);
        if (mobile is not null && !Rules.IsValidMobile(mobile))
        {
            throw new ApiException(IdentityErrors.InvalidMobile, null, Field("mobile_phone", IdentityErrors.InvalidMobile.Message));
        }

        if (request.Password is not null && !Rules.IsValidPassword(request.Password, accountName, mobile))
        {
            throw new ApiException(IdentityErrors.InvalidPassword, null, Field("password", IdentityErrors.InvalidPassword.Message));
        }

        if (request.IndirectPartnerId is { } reseller)
        {
            await distributors.EnsureActsForAsync(partnerId, reseller, cancellationToken);
        }
        else if (caller.InProgramme("distributor") && !caller.InProgramme("solution_provider"))
        {
            throw new ApiException(IdentityErrors.DistributorCannotAssociate);
        }

        return new CustomerRegistration.NewCustomer(
            partnerId, caller.RequireUserGuid(), request.IndirectPartnerId, xaccountId!, xaccountType!, accountName, mobile, code, email, request.Password);
    }

    private static string Like(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static Dictionary<string, string[]> Field(string name, string message) => new(StringComparer.Ordinal) { [name] = [message] };

    public sealed record RevealRequest(string? Field = null);

    /// <summary>The field in clear (null when the customer has none).</summary>
    public sealed record RevealedField(string Field, string? Value);

    public sealed record CheckIdentityRequest(string? SearchType = null, string? SearchValue = null);

    /// <summary><c>check_result</c>: <c>available</c> or <c>used</c>; for a mobile, whether it reached its registration limit.</summary>
    public sealed record CheckIdentityResponse(string CheckResult, bool? RegistrationLimitReached);

    public sealed record CreateCustomerRequest(
        string? XaccountId = null,
        string? XaccountType = null,
        string? DomainName = null,
        string? MobilePhone = null,
        string? VerificationCode = null,
        string? Email = null,
        string? Password = null,
        Guid? IndirectPartnerId = null,
        bool? IncludeAssociationResult = null);

    /// <summary><c>domain_id</c> is the customer id.</summary>
    public sealed record CreateCustomerResponse(Guid DomainId, string DomainName, string XaccountId, AssociationResultView? AssociationResult);

    /// <summary><c>status</c>: <c>processing</c>, <c>associated</c> or <c>failed</c> (with <c>failure_reason</c>).</summary>
    public sealed record AssociationResultView(string Status, AssociationType AssociationType, string? FailureReason);

    public sealed record QueryCustomersRequest(
        string? AccountName = null,
        string? Customer = null,
        AssociationType? AssociationType = null,
        DateTimeOffset? AssociatedOnBegin = null,
        DateTimeOffset? AssociatedOnEnd = null,
        Guid? IndirectPartnerId = null,
        int? Offset = null,
        int? Limit = null);
}

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
