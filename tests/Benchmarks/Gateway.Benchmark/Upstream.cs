using Npgsql;
using PartnerPlatform.ServiceDefaults;

namespace Gateway.Benchmark;

/// <summary>
/// The upstream both paths call: a trivial JSON endpoint and a one-query endpoint (primary-key
/// lookup in a 1,000-row table). Mapped on paths the gateway routes (identity and opportunities).
/// </summary>
internal sealed class Upstream : IAsyncDisposable
{
    public const string TrivialPath = "/v2/partners/profile";
    public const string QueryPath = "/v2/partners/opportunities/";

    private readonly WebApplication _app;
    private readonly NpgsqlDataSource _dataSource;

    private Upstream(WebApplication app, NpgsqlDataSource dataSource)
    {
        _app = app;
        _dataSource = dataSource;
    }

    public Uri Address => new(_app.Urls.First());

    public static async Task<Upstream> StartAsync(string connectionString, int maxPoolSize)
    {
        var dataSource = NpgsqlDataSource.Create(PostgresConnectionSettings.WithPlatformSettings(
            new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = maxPoolSize }.ConnectionString));
        await using (var setup = dataSource.CreateCommand("""
            CREATE TABLE opportunity (id int PRIMARY KEY, name text NOT NULL, stage text NOT NULL);
            INSERT INTO opportunity SELECT i, 'opportunity ' || i, 'submitted' FROM generate_series(1, 1000) AS i;
            ANALYZE opportunity;
            """))
        {
            await setup.ExecuteNonQueryAsync();
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();

        app.MapGet(TrivialPath, () => Results.Json(new { partner_id = "p-1", name = "Acme Cloud Partners", region = "cn" }));
        app.MapGet(QueryPath + "{id:int}", async (int id, CancellationToken cancellationToken) =>
        {
            await using var command = dataSource.CreateCommand("SELECT name, stage FROM opportunity WHERE id = $1");
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = id });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? Results.Json(new { id, name = reader.GetString(0), stage = reader.GetString(1) })
                : Results.NotFound();
        });

        await app.StartAsync();
        return new Upstream(app, dataSource);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
