using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Messaging;

namespace Messaging.Benchmark;

/// <summary>A service database: a business table, the consumer's effect table, outbox and inbox.</summary>
public sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : DbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();

    public DbSet<Effect> Effects => Set<Effect>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Order>().ToTable("orders");
        modelBuilder.Entity<Effect>().ToTable("effects");
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
    }
}

public sealed class Order
{
    public Guid Id { get; init; }

    public int Sequence { get; init; }
}

public sealed class Effect
{
    public long Id { get; init; }

    public int Sequence { get; init; }
}

/// <summary>The benchmark's event (not a platform contract).</summary>
public sealed record OrderPlaced(Guid OrderId, int Sequence, DateTimeOffset OccurredAt);
