namespace Opportunities.Api.Domain;

/// <summary>
/// A deal registration: protects the customer and product for the registering partner until
/// <see cref="ProtectedUntil"/>. <see cref="CustomerKey"/> identifies the customer across partners:
/// identity's customer id when known, else the customer account name in lower case.
/// </summary>
public sealed class Deal
{
    public Guid Id { get; set; }

    public Guid PartnerId { get; set; }

    public string DealName { get; set; } = "";

    public Guid? CustomerId { get; set; }

    public string CustomerName { get; set; } = "";

    public string CustomerAccountName { get; set; } = "";

    public string CustomerKey { get; set; } = "";

    public string AccountManagerName { get; set; } = "";

    public string ProductCode { get; set; } = "";

    public decimal Amount { get; set; }

    public string Currency { get; set; } = "CNY";

    public Guid? ResellerPartnerId { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    public DateTimeOffset ProtectedUntil { get; set; }
}
