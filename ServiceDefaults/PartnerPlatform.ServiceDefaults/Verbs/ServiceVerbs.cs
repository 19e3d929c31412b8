using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>The database steps of a service, registered once with <see cref="ServiceVerbs.AddServiceVerbs"/>.</summary>
public sealed class ServiceVerbOptions
{
    /// <summary>Applies the service's migrations (in a scope of its own).</summary>
    public Func<IServiceProvider, CancellationToken, Task>? Migrate { get; set; }

    /// <summary>Idempotent data every start needs (e.g. the vendor administrator): after migrating, on <c>--migrate</c> and at each start.</summary>
    public Func<IServiceProvider, CancellationToken, Task>? SeedAtStart { get; set; }

    /// <summary>The <c>--seed-demo-data</c> seeder (<see cref="DemoDataVerb"/>): the lines it returns are printed.</summary>
    public Func<IServiceProvider, Task<IEnumerable<string>>>? SeedDemoData { get; set; }
}

/// <summary>
/// The verbs every service takes (ADR 0014), the same everywhere: <c>--migrate</c> migrates, runs
/// the start seed and exits (the AppHost's and Kubernetes' migration stage); <c>--seed-demo-data</c>
/// seeds demo data in Development only (<see cref="DemoDataVerb"/>). Without a verb the host
/// migrates at start when <c>APPLY_MIGRATIONS=true</c> and runs the start seed before it takes requests.
/// <code>
/// // {Service}Extensions, before AddMessaging (the database exists before the outbox relay starts)
/// services.AddServiceVerbs(verbs =&gt; verbs.Migrate = (s, ct) =&gt; s.GetRequiredService&lt;XDbContext&gt;().Database.MigrateAsync(ct));
/// // Program.cs, after Build()
/// if (await app.RunServiceVerbAsync(args)) return;
/// </code>
/// </summary>
public static class ServiceVerbs
{
    public const string MigrateArgument = "--migrate";
    public const string SeedDemoDataArgument = DemoDataVerb.Argument;
    public const string ApplyMigrationsKey = "APPLY_MIGRATIONS";

    public static IServiceCollection AddServiceVerbs(this IServiceCollection services, Action<ServiceVerbOptions> configure)
    {
        services.Configure(configure);
        services.AddHostedService<DatabaseAtStart>();
        return services;
    }

    /// <summary>
    /// Runs the verb in <paramref name="args"/>, if any, and answers true: the process then ends
    /// with <see cref="Environment.ExitCode"/> (0, or what <see cref="DemoDataVerb"/> answered).
    /// </summary>
    public static async Task<bool> RunServiceVerbAsync(this WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        var verbs = app.Services.GetRequiredService<IOptions<ServiceVerbOptions>>().Value;
        if (args.Contains(MigrateArgument))
        {
            await MigrateAndSeedAsync(app.Services, verbs, migrate: true, CancellationToken.None);
            return true;
        }

        if (args.Contains(SeedDemoDataArgument))
        {
            var seed = verbs.SeedDemoData ?? throw new InvalidOperationException($"This service registers no demo data, so {SeedDemoDataArgument} has nothing to do.");
            Environment.ExitCode = await DemoDataVerb.RunAsync(app, seed);
            return true;
        }

        return false;
    }

    internal static async Task MigrateAndSeedAsync(IServiceProvider services, ServiceVerbOptions verbs, bool migrate, CancellationToken cancellationToken)
    {
        if (migrate && verbs.Migrate is { } migrateStep)
        {
            await using var scope = services.CreateAsyncScope();
            await migrateStep(scope.ServiceProvider, cancellationToken);
        }

        if (verbs.SeedAtStart is { } seed)
        {
            await using var scope = services.CreateAsyncScope();
            await seed(scope.ServiceProvider, cancellationToken);
        }
    }

    /// <summary>Migrates (when <c>APPLY_MIGRATIONS=true</c>) and runs the start seed before the server takes requests.</summary>
    private sealed class DatabaseAtStart(IServiceProvider services, IConfiguration configuration, IOptions<ServiceVerbOptions> verbs) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) =>
            MigrateAndSeedAsync(services, verbs.Value, configuration.GetValue<bool>(ApplyMigrationsKey), cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
