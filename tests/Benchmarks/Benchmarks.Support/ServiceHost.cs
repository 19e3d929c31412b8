using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerPlatform.Testing;

namespace Benchmarks.Support;

/// <summary>
/// A service exactly as its Program.cs builds it (the factory finds it through any type of its
/// assembly), on Kestrel at 127.0.0.1 (random port), Production environment, warnings-only logging,
/// its own database and RabbitMQ virtual host, test tokens trusted, migrations applied. Ready once
/// its event bus is healthy. <paramref name="settings"/> (sweep intervals and the like) go on top.
/// </summary>
public class ServiceHost<TEntryPoint>(
    string databaseConnectionName, string databaseConnectionString, Uri eventBus, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    public Uri BaseAddress { get; private set; } = null!;

    public async Task StartAsync()
    {
        // The factory reads its manifest relative to the working directory; `dotnet run` starts elsewhere.
        var manifest = JsonSerializer.Deserialize<Dictionary<string, string>>(
            await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json")))!;
        var assembly = typeof(TEntryPoint).Assembly;
        Environment.SetEnvironmentVariable(
            "ASPNETCORE_TEST_CONTENTROOT_" + assembly.GetName().Name!.Replace('.', '_').ToUpperInvariant(), manifest[assembly.FullName!]);
        BaseAddress = this.StartOnLoopback();
        var bus = Services.GetRequiredService<IBusControl>();
        await Eventually.HoldsAsync(() => bus.CheckHealth().Status == BusHealthStatus.Healthy, TimeSpan.FromSeconds(60), $"the event bus of {assembly.GetName().Name} is healthy");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting($"ConnectionStrings:{databaseConnectionName}", databaseConnectionString);
        builder.TrustTestTokens();
        builder.UseSetting("ConnectionStrings:eventbus", eventBus.ToString());
        builder.UseSetting("APPLY_MIGRATIONS", "true");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning));
    }
}
