using Microsoft.Extensions.Configuration;
using Npgsql;

namespace PartnerPlatform.ServiceDefaults.Tests;

public sealed class PostgresConnectionSettingsTests(PostgresDatabaseFixture postgres) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public void A_service_connection_string_gets_no_reset_on_close_and_no_automatic_preparation()
    {
        var settings = new NpgsqlConnectionStringBuilder(
            PostgresConnectionSettings.WithPlatformSettings("Host=127.0.0.1;Port=5432;Username=app;Password=secret;Database=couponsdb"));

        Assert.True(settings.NoResetOnClose);
        Assert.Equal(0, settings.MaxAutoPrepare);
        Assert.Equal("couponsdb", settings.Database);
        Assert.Equal("secret", settings.Password);
    }

    [Theory]
    [InlineData("No Reset On Close=false;Max Auto Prepare=0;Auto Prepare Min Usages=5")]
    [InlineData("NoResetOnClose=false;MaxAutoPrepare=0;AutoPrepareMinUsages=5")]
    public void Settings_the_connection_string_names_itself_are_kept(string named)
    {
        var settings = new NpgsqlConnectionStringBuilder(
            PostgresConnectionSettings.WithPlatformSettings($"Host=127.0.0.1;Database=couponsdb;{named}"));

        Assert.False(settings.NoResetOnClose);
        Assert.Equal(0, settings.MaxAutoPrepare);
        Assert.Equal(5, settings.AutoPrepareMinUsages);
    }

    [Fact]
    public void A_missing_connection_string_is_named_in_the_error()
    {
        var configuration = new ConfigurationBuilder().Build();

        var error = Assert.Throws<InvalidOperationException>(() => configuration.GetPlatformConnectionString("couponsdb"));

        Assert.Contains("ConnectionStrings:couponsdb", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// PostgreSQL refuses a NUL character in text (22021) while it binds the parameters. Under
    /// automatic preparation, when that refusal hit the execution that prepared the statement, the
    /// connection went back to the pool out of step with the server, and the next request on it
    /// with the same SQL text failed with "Received unexpected backend message DataRow" (with
    /// Max Auto Prepare=64 and Auto Prepare Min Usages=2, the first sequence below failed on every
    /// third request; ADR 0018). With the platform's settings every valid request gets its own
    /// answer on the one pooled connection.
    /// </summary>
    [Theory]
    [InlineData("vhvvhvhhv")]
    [InlineData("vvvvhvvvvvhv")]
    public async Task A_statement_refused_while_binding_leaves_its_pooled_connection_in_step_for_the_next_request(string sequence)
    {
        var connectionString = PostgresConnectionSettings.WithPlatformSettings(
            new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { MaxPoolSize = 1 }.ConnectionString);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var failures = new List<string>();

        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < sequence.Length; i++)
            {
                var hostile = sequence[i] == 'h';
                var value = hostile ? "probe\0x" : $"value-{round}-{i}";
                try
                {
                    await using var connection = await dataSource.OpenConnectionAsync();
                    await using var command = new NpgsqlCommand("SELECT $1::text AS echoed", connection);
                    command.Parameters.AddWithValue(value);
                    var echoed = (string?)await command.ExecuteScalarAsync();
                    if (hostile || echoed != value)
                    {
                        failures.Add($"{round}/{i}: asked {value.Replace("\0", "\\0", StringComparison.Ordinal)}, answered {echoed}");
                    }
                }
                catch (PostgresException e) when (hostile && e.SqlState == PostgresErrorCodes.CharacterNotInRepertoire)
                {
                }
                catch (Exception e)
                {
                    failures.Add($"{round}/{i} ({(hostile ? "hostile" : "valid")}): {e.GetType().Name}: {e.Message}");
                }
            }
        }

        Assert.Empty(failures);
    }
}
