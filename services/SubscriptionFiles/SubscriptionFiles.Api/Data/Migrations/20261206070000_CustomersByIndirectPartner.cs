using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SubscriptionFiles.Api.Data.Migrations;

/// <summary>An index for the keyset walk over a partner's indirect customers (files and exports of customers).</summary>
[DbContext(typeof(SubscriptionFilesDbContext))]
[Migration("20261206070000_CustomersByIndirectPartner")]
public sealed class CustomersByIndirectPartner : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("CREATE INDEX ix_customers_indirect_partner_id_customer_id ON customers (indirect_partner_id, customer_id);");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("DROP INDEX ix_customers_indirect_partner_id_customer_id;");
}
