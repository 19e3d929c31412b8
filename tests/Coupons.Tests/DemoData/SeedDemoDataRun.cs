using System.Diagnostics;
using Coupons.Tests.Support;

namespace Coupons.Tests.DemoData;

/// <summary>The service's built dll run once with <c>--seed-demo-data</c>, as the AppHost runs it, against the factory's servers.</summary>
public sealed record SeedDemoDataRun(int ExitCode, string Output, string Errors)
{
    public IEnumerable<string> DemoDataLines => Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("demo data:", StringComparison.Ordinal));

    public static async Task<SeedDemoDataRun> StartAsync(CouponsApiFactory factory, string environment = "Development", string waitTimeout = "00:00:30")
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Coupons.Api.dll"), "--seed-demo-data"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["DOTNET_ENVIRONMENT"] = environment;
        start.Environment["ConnectionStrings__couponsdb"] = factory.DatabaseConnectionString;
        start.Environment["ConnectionStrings__keys"] = factory.DatabaseConnectionString;
        start.Environment["ConnectionStrings__eventbus"] = factory.RabbitMq.ConnectionUri.ToString();
        start.Environment["Coupons__DemoData__WaitTimeout"] = waitTimeout;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return new SeedDemoDataRun(process.ExitCode, await output, await errors);
    }

    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Errors}";
}
