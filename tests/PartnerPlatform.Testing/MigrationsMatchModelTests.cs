using Microsoft.EntityFrameworkCore;
using Xunit;

namespace PartnerPlatform.Testing;

/// <summary>
/// The hand-written migrations of a service build exactly the schema its EF model describes
/// (ADR 0040): one database from <c>EnsureCreated</c>, one from the migrations, compared line by line.
/// A service's test project derives from this once, naming its DbContext and a few lines that
/// must be in the schema (so an empty comparison cannot pass).
/// </summary>
public abstract class MigrationsMatchModelTests<TContext> : IAsyncLifetime
    where TContext : DbContext
{
    private readonly PostgresDatabaseFixture _fromModel = new();
    private readonly PostgresDatabaseFixture _fromMigrations = new();

    /// <summary>Fragments that must appear in some line of the model's schema description.</summary>
    protected abstract IReadOnlyList<string> ExpectedFragments { get; }

    protected abstract TContext Create(DbContextOptions<TContext> options);

    public Task InitializeAsync() => Task.WhenAll(_fromModel.InitializeAsync(), _fromMigrations.InitializeAsync());

    public async Task DisposeAsync()
    {
        await _fromModel.DisposeAsync();
        await _fromMigrations.DisposeAsync();
    }

    [Fact]
    public async Task Migrations_build_the_same_schema_as_the_model()
    {
        await using (var db = Create(_fromModel.ConnectionString))
        {
            await db.Database.EnsureCreatedAsync();
        }

        await using (var db = Create(_fromMigrations.ConnectionString))
        {
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }

        var expected = await DatabaseSchema.DescribeAsync(_fromModel.ConnectionString);
        var actual = await DatabaseSchema.DescribeAsync(_fromMigrations.ConnectionString);
        foreach (var fragment in ExpectedFragments)
        {
            Assert.Contains(expected, line => line.Contains(fragment, StringComparison.Ordinal));
        }

        Assert.Equal(string.Join('\n', expected), string.Join('\n', actual));
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing()
    {
        await using var db = Create(_fromMigrations.ConnectionString);
        await db.Database.MigrateAsync();
        var first = await DatabaseSchema.DescribeAsync(_fromMigrations.ConnectionString);
        await db.Database.MigrateAsync();
        Assert.Equal(first, await DatabaseSchema.DescribeAsync(_fromMigrations.ConnectionString));
    }

    private TContext Create(string connectionString) =>
        Create(new DbContextOptionsBuilder<TContext>().UseNpgsql(connectionString).Options);
}
