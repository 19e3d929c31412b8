using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerPlatform.ServiceDefaults;
using Resellers.Api;
using Resellers.Api.Data;

namespace Resellers.Tests.Support;

/// <summary>resellers-api on the shared service factory: real servers, migrations applied at start, a clock the tests move.</summary>
public class ResellersApiFactory : ServiceApiFactory<Program>
{
    protected override string DatabaseName => ResellersExtensions.DatabaseConnectionName;

    public HttpClient ClientFor(CurrentCaller caller) => CreateCallerClient(caller);

    public async Task WithDbAsync(Func<ResellersDbContext, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<ResellersDbContext>());
    }

    public async Task<T> WithDbAsync<T>(Func<ResellersDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ResellersDbContext>());
    }

    /// <summary>Waits until every outbox row has been published to the broker.</summary>
    public Task OutboxDrainedAsync() => Eventually.HoldsAsync(
        () => WithDbAsync(async db => !await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\" FROM outbox_messages WHERE sent_at IS NULL").AnyAsync()),
        TimeSpan.FromSeconds(20),
        "The outbox was not drained.");

    /// <summary><c>Resellers.Api.dll --seed-demo-data</c> against this factory's servers.</summary>
    public Task<ServiceVerbRun> SeedDemoDataAsync(string environment = "Development", string waitTimeout = "00:00:30") =>
        RunVerbAsync(DemoDataVerb.Argument, environment, new Dictionary<string, string> { ["Resellers__DemoData__WaitTimeout"] = waitTimeout });

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        builder.UseSetting("OTEL_SERVICE_NAME", "resellers-api");
        builder.UseSetting("Messaging:OutboxPollInterval", "00:00:00.500");
        builder.ConfigureLogging(logging => logging.AddFilter("MassTransit", LogLevel.Error));
    }
}

/// <summary>One API host shared by the test classes of the collection (each test uses partners of its own).</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ResellersApiFactory>
{
    public const string Name = "resellers-api";
}
