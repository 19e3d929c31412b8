using Coupons.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Coupons.Tests;

/// <summary>The hand-written migrations build exactly the schema the model describes (ADR 0040).</summary>
public sealed class SchemaTests : MigrationsMatchModelTests<CouponsDbContext>
{
    protected override IReadOnlyList<string> ExpectedFragments { get; } =
        ["column quotas.remaining_amount numeric", "ix_redemptions_order_id"];

    protected override CouponsDbContext Create(DbContextOptions<CouponsDbContext> options) =>
        new(new DbContextOptionsBuilder<CouponsDbContext>(options).UseSnakeCaseNamingConvention().Options);
}
