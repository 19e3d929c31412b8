using Microsoft.EntityFrameworkCore;

namespace PartnerPlatform.Messaging.Tests.Support;

/// <summary>A service's own DbContext as the tests see it: business tables plus outbox and inbox.</summary>
public sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();

    /// <summary>What consumers did: one row per handled message, so a duplicate effect shows as a second row.</summary>
    public DbSet<Effect> Effects => Set<Effect>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Order>(order =>
        {
            order.ToTable("orders");
            order.Property(o => o.Id).HasColumnName("id");
            order.Property(o => o.Sequence).HasColumnName("sequence");
        });
        modelBuilder.Entity<Effect>(effect =>
        {
            effect.ToTable("effects");
            effect.Property(e => e.Id).HasColumnName("id");
            effect.Property(e => e.OrderId).HasColumnName("order_id");
            effect.Property(e => e.Consumer).HasColumnName("consumer");
        });
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

    public Guid OrderId { get; init; }

    public required string Consumer { get; init; }
}
