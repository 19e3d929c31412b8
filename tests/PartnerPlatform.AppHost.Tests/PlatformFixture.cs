using Npgsql;
using PartnerPlatform.Testing;

namespace PartnerPlatform.AppHost.Tests;

/// <summary>
/// One running application shared by a test class: the three servers, a fresh database, an
/// <c>upstream</c> sample that turns healthy only after 1.5 s, and a <c>downstream</c> sample that
/// references everything, waits for <c>upstream</c>, migrates its database and seeds demo data.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private readonly StringWriter _captured = new();

    public string DatabaseName { get; } = "apphost_test_" + Guid.NewGuid().ToString("N")[..16];

    public DistributedApplication App { get; private set; } = null!;

    public TextWriter Output { get; private set; } = null!;

    public string CapturedOutput
    {
        get
        {
            lock (Output)
            {
                return _captured.ToString();
            }
        }
    }

    public HttpClient Dashboard { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Output = TextWriter.Synchronized(_captured);
        var builder = SampleApp.CreateBuilder(Output);
        var postgres = builder.AddPostgres("postgres");
        var eventbus = builder.AddRabbitMQ("eventbus");
        var redis = builder.AddRedis("redis");
        var database = postgres.AddDatabase("sampledb", DatabaseName);
        var upstream = builder.AddSample("upstream")
            .WithEnvironment("SAMPLE_HEALTHY_AFTER_MS", "1500");
        builder.AddSample("downstream")
            .WithReference(database).WithReference(eventbus).WithReference(redis).WithReference(upstream)
            .WaitFor(upstream)
            .WithEnvironment("SAMPLE_DATABASE", "sampledb")
            .WithUrl("/sample/environment", "environment")
            .WithDemoData();
        App = builder.Build();
        Dashboard = new HttpClient { BaseAddress = App.DashboardUrl, Timeout = TimeSpan.FromSeconds(10) };
        await App.StartHealthyAsync();
    }

    public async Task DisposeAsync()
    {
        Dashboard.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        var admin = new NpgsqlConnectionStringBuilder(ServerEnvironment.Current.PostgresConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
