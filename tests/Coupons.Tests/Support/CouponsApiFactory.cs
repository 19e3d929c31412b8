using Coupons.Api;
using Coupons.Api.Data;
using Microsoft.AspNetCore.Hosting;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Tests.Support;

/// <summary>
/// coupons-api on the shared service factory: a real Kestrel socket over a fresh database (a pool
/// of 20 connections), a virtual host of its own and a clock the tests move; the expiry sweeper
/// runs when a test calls it.
/// </summary>
public class CouponsApiFactory : ServiceApiFactory<Program>
{
    protected override string DatabaseName => CouponsExtensions.DatabaseConnectionName;

    /// <summary>A client on a connection of its own, carrying a token for <paramref name="caller"/>.</summary>
    /// <remarks>
    /// The client adds no trace context of the test process (where the service's tracer provider
    /// records HTTP client spans): a test that sends <c>traceparent</c> keeps its own.
    /// </remarks>
    public ApiClient Client(CurrentCaller? caller) =>
        new(new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = BaseAddress }, caller is null ? null : IssueToken(caller));

    /// <summary>A fresh DbContext on the service's database, for assertions.</summary>
    public CouponsDbContext Db() =>
        new(CouponsDbContext.Options(DatabaseConnectionString));

    /// <summary>Polls until <paramref name="condition"/> holds (events are consumed asynchronously).</summary>
    public Task EventuallyAsync(Func<CouponsDbContext, Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        Eventually.HoldsAsync(
            async () =>
            {
                await using var db = Db();
                return await condition(db);
            },
            timeout ?? TimeSpan.FromSeconds(20),
            what);

    /// <summary><c>Coupons.Api.dll --seed-demo-data</c> against this factory's servers.</summary>
    public Task<ServiceVerbRun> SeedDemoDataAsync(string environment = "Development", string waitTimeout = "00:00:30") =>
        RunVerbAsync(DemoDataVerb.Argument, environment, new Dictionary<string, string> { ["Coupons__DemoData__WaitTimeout"] = waitTimeout });

    protected override void ConfigureService(IWebHostBuilder builder) =>
        builder.UseSetting("Coupons:ExpirySweepInterval", "01:00:00");
}

[CollectionDefinition(Name)]
public sealed class CouponsCollection : ICollectionFixture<CouponsApiFactory>
{
    public const string Name = "coupons-api";
}
