using Microsoft.EntityFrameworkCore;
using Resellers.Api.Data;

namespace Resellers.Tests;

/// <summary>The hand-written migrations build exactly the schema the model describes (ADR 0040).</summary>
public sealed class SchemaTests : MigrationsMatchModelTests<ResellersDbContext>
{
    protected override IReadOnlyList<string> ExpectedFragments { get; } =
        ["column reseller_links.state ", "ux_reseller_links_one_holding_link_per_reseller"];

    protected override ResellersDbContext Create(DbContextOptions<ResellersDbContext> options) =>
        new(new DbContextOptionsBuilder<ResellersDbContext>(options).UseSnakeCaseNamingConvention().Options);
}
