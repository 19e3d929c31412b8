using Microsoft.EntityFrameworkCore;
using Opportunities.Api.Data;
using PartnerPlatform.Testing;

namespace Opportunities.Tests;

/// <summary>The hand-written migrations build exactly the schema the model describes (ADR 0040).</summary>
public sealed class SchemaTests : MigrationsMatchModelTests<OpportunitiesDbContext>
{
    protected override IReadOnlyList<string> ExpectedFragments { get; } =
        ["column opportunities.validate_by timestamptz", "ix_handovers_respond_by", "ix_opportunities_partner_id_submitted_at"];

    protected override OpportunitiesDbContext Create(DbContextOptions<OpportunitiesDbContext> options) => new(options);
}
