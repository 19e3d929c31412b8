using Microsoft.Extensions.Configuration;
using Npgsql;

namespace PartnerPlatform.ServiceDefaults.Tests;

public sealed class PostgresConnectionSettingsTests(PostgresDatabaseFixture postgres) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public void A_service_connection_string_gets_no_reset_on_close_and_automatic_preparation()
    {
        var settings = new NpgsqlConnectionStringBuilder(
            PostgresConnectionSettings.WithPlatformSettings("Host=127.0.0.1;Port=5432;Username=app;Password=secret;Database=couponsdb"));

        Assert.True(settings.NoResetOnClose);
        Assert.Equal(PostgresConnectionSettings.MaxAutoPrepare, settings.MaxAutoPrepare);
        Assert.Equal(PostgresConnectionSettings.AutoPrepareMinUsages, settings.AutoPrepareMinUsages);
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

    [Fact]
    public async Task A_statement_repeated_on_a_shared_data_source_is_prepared_and_stays_prepared_across_pool_returns()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:couponsdb"] = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { MaxPoolSize = 1 }.ConnectionString,
            })
            .Build();
        await using var dataSources = new PostgresDataSources(configuration);
        var dataSource = dataSources.Get("couponsdb");

        for (var i = 0; i < 3; i++)
        {
            await using var command = dataSource.CreateCommand("SELECT 'prepared-statement-marker', @n::int");
            command.Parameters.AddWithValue("n", i);
            await command.ExecuteScalarAsync();
        }

        await using var check = dataSource.CreateCommand(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%prepared-statement-marker%' AND statement NOT LIKE '%pg_prepared_statements%'");
        Assert.Equal(1L, await check.ExecuteScalarAsync());
    }
}
