using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Opportunities.Api;
using PartnerPlatform.Testing;

namespace Opportunities.Benchmark;

/// <summary>
/// opportunities-api exactly as its Program.cs builds it, on Kestrel at 127.0.0.1 (random port), Production
/// environment, warnings-only logging, the system clock, no Redis (so no rate limits), its own database.
/// </summary>
internal sealed class OpportunitiesHost(string databaseConnectionString, Uri eventBus) : WebApplicationFactory<OpportunitiesOptions>
{
    public Uri BaseAddress { get; private set; } = null!;

    public async Task StartAsync()
    {
        // The factory reads its manifest relative to the working directory; `dotnet run` starts elsewhere.
        var manifest = JsonSerializer.Deserialize<Dictionary<string, string>>(
            await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json")))!;
        var assembly = typeof(OpportunitiesOptions).Assembly;
        Environment.SetEnvironmentVariable(
            "ASPNETCORE_TEST_CONTENTROOT_" + assembly.GetName().Name!.Replace('.', '_').ToUpperInvariant(), manifest[assembly.FullName!]);
        BaseAddress = this.StartOnLoopback();
        var bus = Services.GetRequiredService<IBusControl>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (bus.CheckHealth().Status != BusHealthStatus.Healthy)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The event bus of opportunities-api did not become healthy.");
            }

            await Task.Delay(50);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting($"ConnectionStrings:{OpportunitiesExtensions.DatabaseConnectionName}", databaseConnectionString);
        builder.TrustTestTokens();
        builder.UseSetting("ConnectionStrings:eventbus", eventBus.ToString());
        builder.UseSetting("APPLY_MIGRATIONS", "true");
        builder.UseSetting("Opportunities:SweepInterval", "01:00:00");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureLogging(logging => logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning));
    }
}
