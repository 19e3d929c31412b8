using System.Net;
using Identity.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Identity.Tests;

/// <summary>An expected refusal is an answer, not a fault: logged as information, without a stack trace.</summary>
[Collection(SharedApi.Name)]
public sealed class RefusalLoggingTests(SharedApi shared)
{
    [Fact]
    public async Task A_role_name_already_taken_is_logged_as_information_without_a_stack_trace()
    {
        var partner = await shared.Api.RegisterPartnerAsync();
        var role = new { name = "sales-" + Guid.NewGuid().ToString("N")[..8], permissions = new[] { "customers.create" } };
        await ProblemAssert.IsSuccess(await shared.Api.PostAsync("/v2/partners/members/roles", role, partner.Token), HttpStatusCode.Created);
        var before = shared.Factory.Logs.Entries.Count;

        using var taken = await shared.Api.PostAsync("/v2/partners/members/roles", role, partner.Token);

        await ProblemAssert.IsProblem(taken, HttpStatusCode.Conflict, "CBC.0150");
        var during = shared.Factory.Logs.Entries.Skip(before).ToList();
        Assert.DoesNotContain(during, e => e.Level >= LogLevel.Warning);
        Assert.DoesNotContain(during, e => e.Exception is not null);
        Assert.Contains(during, e => e.Level == LogLevel.Information && e.Message.Contains("CBC.0150", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_customer_already_associated_elsewhere_is_logged_as_information_without_a_stack_trace()
    {
        var first = await shared.Api.RegisterPartnerAsync();
        var second = await shared.Api.RegisterPartnerAsync();
        var customer = await shared.Api.RegisterCustomerAccountAsync();
        await ProblemAssert.IsSuccess(await shared.Api.AcceptInvitationAsync(customer, await shared.Api.OfflineInvitationTokenAsync(first)));
        var before = shared.Factory.Logs.Entries.Count;

        using var duplicate = await shared.Api.AcceptInvitationAsync(customer, await shared.Api.OfflineInvitationTokenAsync(second));

        await ProblemAssert.IsProblem(duplicate, HttpStatusCode.Conflict, "CBC.99000056");
        var during = shared.Factory.Logs.Entries.Skip(before).ToList();
        Assert.DoesNotContain(during, e => e.Level >= LogLevel.Warning);
        Assert.Contains(during, e => e.Level == LogLevel.Information && e.Message.Contains("CBC.99000056", StringComparison.Ordinal));
    }
}
