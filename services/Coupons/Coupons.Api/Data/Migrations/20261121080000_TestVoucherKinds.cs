using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coupons.Api.Data.Migrations;

/// <summary>
/// Role test vouchers of two kinds: a grant names its kind, one per partner, role and kind. Grants
/// made before were role certification vouchers.
/// </summary>
[DbContext(typeof(CouponsDbContext))]
[Migration("20261121080000_TestVoucherKinds")]
public sealed class TestVoucherKinds : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(
            """
            ALTER TABLE test_voucher_grants ADD COLUMN kind character varying(32) NOT NULL DEFAULT 'role_certification';
            ALTER TABLE test_voucher_grants ALTER COLUMN kind DROP DEFAULT;
            ALTER TABLE test_voucher_grants DROP CONSTRAINT pk_test_voucher_grants;
            ALTER TABLE test_voucher_grants ADD CONSTRAINT pk_test_voucher_grants PRIMARY KEY (partner_id, role, kind);
            """);

    // Going back keeps the role certification vouchers only: the old key has room for one voucher per role.
    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(
            """
            DELETE FROM test_voucher_grants WHERE kind <> 'role_certification';
            ALTER TABLE test_voucher_grants DROP CONSTRAINT pk_test_voucher_grants;
            ALTER TABLE test_voucher_grants ADD CONSTRAINT pk_test_voucher_grants PRIMARY KEY (partner_id, role);
            ALTER TABLE test_voucher_grants DROP COLUMN kind;
            """);
}
