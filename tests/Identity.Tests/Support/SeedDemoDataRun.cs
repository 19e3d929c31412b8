using System.Diagnostics;

namespace Identity.Tests.Support;

/// <summary>The service's built dll run once with <c>--seed-demo-data</c>, as the AppHost runs it, against the factory's servers.</summary>
public sealed record SeedDemoDataRun(int ExitCode, string Output, string Errors)
{
    public IReadOnlyList<string> DemoAccountLines =>
        [.. Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("demo-account: ", StringComparison.Ordinal))];

    public static async Task<SeedDemoDataRun> StartAsync(IdentityApiFactory factory, string password, string environment = "Development")
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Identity.Api.dll"), "--seed-demo-data"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["DOTNET_ENVIRONMENT"] = environment;
        start.Environment["ConnectionStrings__identitydb"] = factory.DatabaseConnectionString;
        start.Environment["ConnectionStrings__keys"] = factory.DatabaseConnectionString;
        start.Environment["ConnectionStrings__eventbus"] = factory.RabbitMq.ConnectionUri.ToString();
        start.Environment["ConnectionStrings__redis"] = factory.Redis.ConnectionString;
        start.Environment["Identity__VendorAdmin__UserName"] = IdentityApiFactory.VendorAdminUserName;
        start.Environment["Identity__VendorAdmin__Password"] = factory.VendorAdminPassword;
        start.Environment["Identity__DemoData__Password"] = password;
        start.Environment["Identity__DemoData__WaitTimeout"] = "00:00:30";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return new SeedDemoDataRun(process.ExitCode, await output, await errors);
    }

    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Errors}";
}
