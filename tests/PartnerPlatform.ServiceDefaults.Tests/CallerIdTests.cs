using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PartnerPlatform.ServiceDefaults.Tests.Infrastructure;

namespace PartnerPlatform.ServiceDefaults.Tests;

/// <summary>Typed ids on <see cref="CurrentCaller"/>: a claim that is not an id is a 401/403 with a code, never a 500.</summary>
public sealed class CallerIdTests : IAsyncLifetime
{
    private static readonly string PartnerId = Guid.NewGuid().ToString();

    private SampleHost _host = null!;

    public async Task InitializeAsync() => _host = await SampleHost.StartAsync(map: app =>
    {
        app.MapGet("/v2/samples/partner", (CurrentCaller caller) => TypedResults.Ok(caller.GetPartnerGuid())).RequirePartner();
        app.MapGet("/v2/samples/user", (CurrentCaller caller) => TypedResults.Ok(caller.GetUserGuid()));
        app.MapGet("/v2/samples/customer", (CurrentCaller caller) => TypedResults.Ok(caller.GetCustomerGuid()));
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Well_formed_ids_are_read_as_ids()
    {
        var userId = Guid.NewGuid();
        var customerId = Guid.NewGuid();
        var caller = new CurrentCaller { IsAuthenticated = true, UserId = userId.ToString(), PartnerId = PartnerId, CustomerId = customerId.ToString() };
        using var client = _host.CreateClient(caller);

        Assert.Equal(Guid.Parse(PartnerId), (await ProblemAssert.IsSuccess(await client.GetAsync("/v2/samples/partner"))).GetGuid());
        Assert.Equal(userId, (await ProblemAssert.IsSuccess(await client.GetAsync("/v2/samples/user"))).GetGuid());
        Assert.Equal(customerId, (await ProblemAssert.IsSuccess(await client.GetAsync("/v2/samples/customer"))).GetGuid());
    }

    [Fact]
    public async Task A_partner_id_claim_that_is_not_an_id_is_403_access_denied()
    {
        using var client = _host.CreateClient(Callers.Partner("p-1"));

        await ProblemAssert.IsProblem(await client.GetAsync("/v2/samples/partner"), HttpStatusCode.Forbidden, "CBC.0151");
    }

    [Theory]
    [InlineData("u-1")]
    [InlineData(null)]
    public async Task A_user_id_claim_that_is_missing_or_not_an_id_is_401_unauthenticated(string? userId)
    {
        using var client = _host.CreateClient(new CurrentCaller { IsAuthenticated = true, UserId = userId, PartnerId = PartnerId });

        await ProblemAssert.IsProblem(await client.GetAsync("/v2/samples/user"), HttpStatusCode.Unauthorized, "CBC.0154");
    }

    [Theory]
    [InlineData("c-9")]
    [InlineData(null)]
    public async Task A_customer_id_claim_that_is_missing_or_not_an_id_is_403_access_denied(string? customerId)
    {
        using var client = _host.CreateClient(new CurrentCaller { IsAuthenticated = true, UserId = Guid.NewGuid().ToString(), CustomerId = customerId });

        await ProblemAssert.IsProblem(await client.GetAsync("/v2/samples/customer"), HttpStatusCode.Forbidden, "CBC.0151");
    }

    [Fact]
    public void The_string_claims_stay_as_they_were_for_callers_that_read_them()
    {
        var caller = Callers.Partner("p-7");

        Assert.Equal("p-7", caller.RequirePartnerId());
        Assert.Null(caller.CustomerGuidOrNull);
    }
}
