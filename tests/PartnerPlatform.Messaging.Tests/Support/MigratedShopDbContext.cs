using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PartnerPlatform.Messaging.Tests.Support;

/// <summary>A DbContext whose schema comes from a hand-written migration, as services do it (ADR 0010).</summary>
public sealed class MigratedShopDbContext(DbContextOptions<MigratedShopDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
    }
}

[DbContext(typeof(MigratedShopDbContext))]
[Migration("20250101000000_Messaging")]
public sealed class MessagingMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateOutboxTable();
        migrationBuilder.CreateInboxTable();
    }
}
