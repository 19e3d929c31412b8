using System.Diagnostics;

namespace Resellers.Tests.Support;

/// <summary>The service's built dll run once with <c>--seed-demo-data</c>, as the AppHost runs it, against the factory's servers.</summary>
public sealed record SeedDemoDataRun(int ExitCode, string Output, string Errors)
{
    public static async Task<SeedDemoDataRun> StartAsync(ResellersApiFactory factory, string environment = "Development", string waitTimeout = "00:00:30")
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Resellers.Api.dll"), "--seed-demo-data"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["DOTNET_ENVIRONMENT"] = environment;
        start.Environment["ConnectionStrings__resellersdb"] = factory.DatabaseConnectionString;
        start.Environment["ConnectionStrings__keys"] = factory.DatabaseConnectionString;
        start.Environment["ConnectionStrings__eventbus"] = factory.RabbitMq.ConnectionUri.ToString();
        start.Environment["Resellers__DemoData__WaitTimeout"] = waitTimeout;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return new SeedDemoDataRun(process.ExitCode, await output, await errors);
    }

    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Errors}";
}
