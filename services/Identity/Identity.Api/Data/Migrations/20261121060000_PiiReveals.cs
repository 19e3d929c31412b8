using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Identity.Api.Data.Migrations;

/// <summary>The audit trail of personal data shown in clear.</summary>
[DbContext(typeof(IdentityDbContext))]
[Migration("20261121060000_PiiReveals")]
public sealed class PiiReveals : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            """
            CREATE TABLE pii_reveals (
                id uuid NOT NULL,
                partner_id uuid NOT NULL,
                account_id uuid NOT NULL,
                customer_id uuid NOT NULL,
                field character varying(32) NOT NULL,
                revealed_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_pii_reveals PRIMARY KEY (id)
            );
            CREATE INDEX ix_pii_reveals_customer_id_revealed_at ON pii_reveals (customer_id, revealed_at);
            CREATE INDEX ix_pii_reveals_partner_id_revealed_at ON pii_reveals (partner_id, revealed_at);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TABLE pii_reveals;");
    }
}
