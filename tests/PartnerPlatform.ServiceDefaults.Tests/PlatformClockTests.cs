using Npgsql;
using PartnerPlatform.ServiceDefaults.Tests.Infrastructure;

namespace PartnerPlatform.ServiceDefaults.Tests;

public sealed class PlatformClockTests(PostgresDatabaseFixture postgres) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public void Now_drops_the_ticks_below_a_microsecond()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero).AddTicks(1_234_567));

        Assert.Equal(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero).AddTicks(1_234_560), clock.Now());
    }

    [Fact]
    public async Task A_moment_taken_with_Now_reads_back_from_postgres_unchanged()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero).AddTicks(9_999_999));
        var now = clock.Now();
        await using var dataSource = NpgsqlDataSource.Create(postgres.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT @at::timestamptz");
        command.Parameters.AddWithValue("at", now);

        var stored = await command.ExecuteScalarAsync();

        Assert.Equal(now, new DateTimeOffset((DateTime)stored!));
        Assert.NotEqual(clock.GetUtcNow(), now);
    }
}
