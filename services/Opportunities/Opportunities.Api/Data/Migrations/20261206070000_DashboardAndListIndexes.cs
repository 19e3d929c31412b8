using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Opportunities.Api.Data.Migrations;

/// <summary>
/// Indexes the benchmark's profile asked for (tests/Benchmarks, Opportunities): the dashboard reads a
/// partner's window by <c>submitted_at</c> from the index alone, and a partner's list filtered by status
/// counts and pages without visiting the table.
/// </summary>
[DbContext(typeof(OpportunitiesDbContext))]
[Migration("20261206070000_DashboardAndListIndexes")]
public sealed class DashboardAndListIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            """
            CREATE INDEX ix_opportunities_partner_id_submitted_at ON opportunities (partner_id, submitted_at) INCLUDE (status, stage, revenue_currency, expected_revenue);
            CREATE INDEX ix_opportunities_partner_id_status_created_at ON opportunities (partner_id, status, created_at);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            """
            DROP INDEX ix_opportunities_partner_id_status_created_at;
            DROP INDEX ix_opportunities_partner_id_submitted_at;
            """);
    }
}
