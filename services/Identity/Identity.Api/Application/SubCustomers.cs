using Identity.Api.Data;
using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

/// <summary>
/// The seed's customer registration API: check registration info, create customers (and wait for
/// the association when asked), query the partner's customers and reveal one personal field.
/// </summary>
public sealed class SubCustomers(
    CustomerRegistration registration,
    DistributorScope distributors,
    IdentityDbContext db,
    IOptions<IdentityOptions> options,
    TimeProvider timeProvider,
    ILogger<SubCustomers> logger)
{
    /// <summary>A create-customer call as the partner sent it.</summary>
    public sealed record CustomerRequest(
        string? XaccountId,
        string? XaccountType,
        string? DomainName,
        string? MobilePhone,
        string? VerificationCode,
        string? Email,
        string? Password,
        Guid? IndirectPartnerId,
        bool? IncludeAssociationResult);

    /// <summary>The customer filter of the query endpoint.</summary>
    public sealed record CustomerFilter(
        string? AccountName,
        string? Customer,
        AssociationType? AssociationType,
        DateTimeOffset? AssociatedOnBegin,
        DateTimeOffset? AssociatedOnEnd,
        Guid? IndirectPartnerId,
        int? Offset,
        int? Limit);

    /// <summary><c>processing</c> while the association is pending, then <c>associated</c> or <c>failed</c> with the reason.</summary>
    public sealed record AssociationResult(string Status, string? FailureReason);

    public sealed record CreatedCustomer(Customer Customer, bool Created, AssociationResult? Association);

    public sealed record CustomerWithAssociation(Customer Customer, Association Association);

    public sealed record RevealedValue(string Field, string? Value);

    /// <summary>Whether an email, mobile or account name is used, and for a mobile whether it reached its limit.</summary>
    public async Task<(bool Used, bool? LimitReached)> CheckIdentityAsync(string? searchType, string? searchValue, CancellationToken cancellationToken)
    {
        var value = Rules.Clean(searchValue) ?? throw FieldValidation.Invalid("search_value", "search_value is required.");
        switch (searchType)
        {
            case "email" when !Rules.IsValidEmail(value):
                throw FieldValidation.Invalid("search_value", "search_value must be a valid email address.");
            case "email":
                value = value.ToLowerInvariant();
                break;
            case "mobile" when !Rules.IsValidMobile(value):
                throw FieldValidation.Refuse(IdentityErrors.InvalidMobile, "search_value");
            case "name" when !Rules.IsValidAccountName(value):
                throw FieldValidation.Refuse(IdentityErrors.InvalidAccountName, "search_value");
            case "mobile" or "name":
                break;
            default:
                throw FieldValidation.Invalid("search_type", "search_type is email, mobile or name.");
        }

        var (used, limitReached) = await registration.CheckAsync(searchType!, value, cancellationToken);
        return (used, searchType == "mobile" ? limitReached : null);
    }

    public async Task<CreatedCustomer> CreateAsync(CurrentCaller caller, CustomerRequest request, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        var newCustomer = await ValidateAsync(request, caller, partnerId, cancellationToken);
        var (customer, created) = await registration.CreateAsync(newCustomer, cancellationToken);
        var association = request.IncludeAssociationResult == true ? await WaitForAssociationAsync(customer, cancellationToken) : null;
        return new CreatedCustomer(customer, created, association);
    }

    public async Task<Listing<CustomerWithAssociation>> QueryAsync(Guid partnerId, CustomerFilter request, CancellationToken cancellationToken)
    {
        var page = PageRequest.Create(request.Offset, request.Limit);
        if (request.AssociatedOnBegin > request.AssociatedOnEnd)
        {
            throw FieldValidation.Invalid("associated_on_begin", "associated_on_begin must not be after associated_on_end.");
        }

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
        return new(total, [.. rows.Select(x => new CustomerWithAssociation(x.customer, x.association))]);
    }

    /// <summary>One customer the partner holds now; 404 CBC.0156 otherwise.</summary>
    public async Task<CustomerWithAssociation> GetAsync(Guid partnerId, Guid customerId, CancellationToken cancellationToken)
    {
        var row = await (
            from association in db.Associations.AsNoTracking()
            join customer in db.Customers.AsNoTracking() on association.CustomerId equals customer.Id
            where association.CustomerId == customerId && association.PartnerId == partnerId && association.EndedAt == null
            select new { association, customer }).SingleOrDefaultAsync(cancellationToken)
            ?? throw ApiException.NotFound();
        return new(row.customer, row.association);
    }

    /// <summary>One personal field in clear; every call is recorded in <c>pii_reveals</c> and logged.</summary>
    public async Task<RevealedValue> RevealAsync(CurrentCaller caller, Guid customerId, string? field, CancellationToken cancellationToken)
    {
        if (field is not ("mobile_phone" or "email" or "customer"))
        {
            throw FieldValidation.Invalid("field", "field is mobile_phone, email or customer.");
        }

        var partnerId = caller.GetPartnerGuid();
        var association = await db.Associations.AsNoTracking()
            .SingleOrDefaultAsync(a => a.CustomerId == customerId && a.PartnerId == partnerId && a.EndedAt == null, cancellationToken)
            ?? throw ApiException.NotFound();
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == association.CustomerId, cancellationToken);
        var now = timeProvider.Now();
        db.PiiReveals.Add(new PiiReveal
        {
            Id = Guid.CreateVersion7(now), PartnerId = partnerId, AccountId = caller.GetUserGuid(), CustomerId = customerId, Field = field, RevealedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation(
            "Account {AccountId} of partner {PartnerId} revealed {Field} of customer {CustomerId}.", caller.UserId, partnerId, field, customerId);
        return new RevealedValue(field, field switch
        {
            "mobile_phone" => customer.MobilePhone,
            "email" => customer.Email,
            _ => customer.DisplayName,
        });
    }

    private async Task<AssociationResult> WaitForAssociationAsync(Customer customer, CancellationToken cancellationToken)
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

        return new AssociationResult(status == AssociationStatus.Pending ? "processing" : SnakeCaseNames.Of(status), failure);
    }

    private async Task<CustomerRegistration.NewCustomer> ValidateAsync(
        CustomerRequest request, CurrentCaller caller, Guid partnerId, CancellationToken cancellationToken)
    {
        var xaccountId = Rules.Clean(request.XaccountId);
        var xaccountType = Rules.Clean(request.XaccountType);
        var email = Rules.Clean(request.Email)?.ToLowerInvariant();
        var code = Rules.Clean(request.VerificationCode);
        var validation = new FieldValidation()
            .Check(xaccountId is { Length: <= 128 }, "xaccount_id", "xaccount_id is required, at most 128 characters.")
            .Check(xaccountType is { Length: <= 64 }, "xaccount_type", "xaccount_type is required, at most 64 characters.")
            .Check(email is null || Rules.IsValidEmail(email), "email", "email must be a valid email address.");
        if (Rules.Clean(request.MobilePhone) is not null && code is null)
        {
            validation.Add("verification_code", "verification_code is required with mobile_phone.");
        }
        else if (code is not null && (code.Length != 6 || !code.All(char.IsAsciiDigit)))
        {
            validation.Add("verification_code", "verification_code is six digits.");
        }

        validation.ThrowIfAny();
        var accountName = Rules.Clean(request.DomainName);
        if (accountName is not null && !Rules.IsValidAccountName(accountName))
        {
            throw FieldValidation.Refuse(IdentityErrors.InvalidAccountName, "domain_name");
        }

        var mobile = Rules.Clean(request.MobilePhone);
        if (mobile is not null && !Rules.IsValidMobile(mobile))
        {
            throw FieldValidation.Refuse(IdentityErrors.InvalidMobile, "mobile_phone");
        }

        if (request.Password is not null && !Rules.IsValidPassword(request.Password, accountName, mobile))
        {
            throw FieldValidation.Refuse(IdentityErrors.InvalidPassword, "password");
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
            partnerId, caller.GetUserGuid(), request.IndirectPartnerId, xaccountId!, xaccountType!, accountName, mobile, code, email, request.Password);
    }

    private static string Like(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
