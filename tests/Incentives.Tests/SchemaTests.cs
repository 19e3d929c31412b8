using Incentives.Api.Data;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Testing;

namespace Incentives.Tests;

/// <summary>The hand-written migration builds exactly the schema the model describes (ADR 0040).</summary>
public sealed class SchemaTests : MigrationsMatchModelTests<IncentivesDbContext>
{
    protected override IReadOnlyList<string> ExpectedFragments { get; } =
        ["ix_fh_monthly_lists_partner_id_track_month", "ix_payment_applications_partner_id_quarter", "column statement_lines.amount numeric"];

    protected override IncentivesDbContext Create(DbContextOptions<IncentivesDbContext> options) =>
        new(new DbContextOptionsBuilder<IncentivesDbContext>(options).UseSnakeCaseNamingConvention().Options);
}
