using Identity.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Identity.Tests;

/// <summary>The hand-written migrations build exactly the schema the model describes (ADR 0040).</summary>
public sealed class SchemaTests : MigrationsMatchModelTests<IdentityDbContext>
{
    protected override IReadOnlyList<string> ExpectedFragments { get; } = ["column accounts.normalized_user_name"];

    protected override IdentityDbContext Create(DbContextOptions<IdentityDbContext> options) =>
        new(new DbContextOptionsBuilder<IdentityDbContext>(options).UseSnakeCaseNamingConvention().Options);
}
