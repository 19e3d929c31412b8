using System.Collections;
using System.Diagnostics;
using System.Globalization;
using Npgsql;

// A stand-in for a platform service, following the AppHost's environment contract.
var databaseName = Environment.GetEnvironmentVariable("SAMPLE_DATABASE");
var databaseConnection = databaseName is null ? null : Environment.GetEnvironmentVariable($"ConnectionStrings__{databaseName}");

if (args.Contains("--migrate"))
{
    if (databaseConnection is not null)
    {
        await using var connection = new NpgsqlConnection(databaseConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "CREATE TABLE IF NOT EXISTS sample_migration (applied_at timestamptz NOT NULL); INSERT INTO sample_migration VALUES (now());",
            connection);
        await command.ExecuteNonQueryAsync();
    }

    Console.WriteLine("migrations applied");
    return 0;
}

if (args.Contains("--seed-demo-data"))
{
    Console.WriteLine("seeding demo data");
    Console.WriteLine("""demo-account: {"login":"demo@sample.test","password":"Demo-Passw0rd","role":"sample partner"}""");
    return 0;
}

if (int.TryParse(Environment.GetEnvironmentVariable("SAMPLE_EXIT_CODE"), CultureInfo.InvariantCulture, out var exitCode))
{
    Console.Error.WriteLine($"exiting with code {exitCode} on purpose");
    return exitCode;
}

var healthyAfter = TimeSpan.FromMilliseconds(
    int.TryParse(Environment.GetEnvironmentVariable("SAMPLE_HEALTHY_AFTER_MS"), CultureInfo.InvariantCulture, out var ms) ? ms : 0);
var started = Stopwatch.StartNew();

// At start-up, record whether every service it references already answers its health check.
var dependencies = new Dictionary<string, bool>();
using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) })
{
    foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
    {
        var key = (string)variable.Key;
        if (key.StartsWith("services__", StringComparison.Ordinal) && key.EndsWith("__http__0", StringComparison.Ordinal))
        {
            var name = key["services__".Length..^"__http__0".Length];
            try
            {
                using var response = await http.GetAsync(new Uri(new Uri((string)variable.Value!), "/health"));
                dependencies[name] = response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                dependencies[name] = false;
            }
        }
    }
}

var migrated = false;
if (databaseConnection is not null)
{
    await using var connection = new NpgsqlConnection(databaseConnection);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT to_regclass('sample_migration') IS NOT NULL", connection);
    migrated = (bool)(await command.ExecuteScalarAsync())!;
}

Process? child = null;
if (Environment.GetEnvironmentVariable("SAMPLE_SPAWN_CHILD") == "1")
{
    child = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false });
}

var app = WebApplication.CreateBuilder(args).Build();

app.MapGet("/health", () => started.Elapsed >= healthyAfter ? Results.Text("Healthy") : Results.StatusCode(503));
app.MapGet("/sample/environment", () => Results.Json(new
{
    pid = Environment.ProcessId,
    child_pid = child?.Id,
    migrated,
    dependencies_healthy_at_start = dependencies,
    variables = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
        .Where(e => ((string)e.Key).StartsWith("ConnectionStrings__", StringComparison.Ordinal)
                    || ((string)e.Key).StartsWith("services__", StringComparison.Ordinal)
                    || ((string)e.Key).StartsWith("OTEL_", StringComparison.Ordinal)
                    || ((string)e.Key).StartsWith("ASPNETCORE_", StringComparison.Ordinal))
        .ToDictionary(e => (string)e.Key, e => (string?)e.Value),
}));

app.Logger.LogInformation("sample service ready");
await app.RunAsync();
return 0;
