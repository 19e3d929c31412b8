using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coupons.Api.Data.Migrations;

/// <summary>Resellers list the coupons their distributor issued to their customers: index by indirect partner.</summary>
[DbContext(typeof(CouponsDbContext))]
[Migration("20261121070000_CouponsByIndirectPartner")]
public sealed class CouponsByIndirectPartner : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("CREATE INDEX ix_coupons_indirect_partner_id_issued_at ON coupons (indirect_partner_id, issued_at);");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("DROP INDEX ix_coupons_indirect_partner_id_issued_at;");
}
