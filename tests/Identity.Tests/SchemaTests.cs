using Identity.Api.Data;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Testing;

namespace Identity.Tests;

/// <summary>The hand-written migrations build exactly the schema the model describes (ADR 0010).</summary>
public sealed class SchemaTests : MigrationsMatchModelTests<IdentityServiceDbContext>
{
    protected override IReadOnlyList<string> ExpectedFragments { get; } = ["column accounts.normalized_user_name"];

    protected override IdentityServiceDbContext Create(DbContextOptions<IdentityServiceDbContext> options) =>
        new(new DbContextOptionsBuilder<IdentityServiceDbContext>(options).UseSnakeCaseNamingConvention().Options);
}
