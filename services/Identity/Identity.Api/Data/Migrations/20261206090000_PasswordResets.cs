using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Identity.Api.Data.Migrations;

/// <summary>The audit trail of password resets, accounts found by mobile number, and the account a pre-registration chose.</summary>
[DbContext(typeof(IdentityDbContext))]
[Migration("20261206090000_PasswordResets")]
public sealed class PasswordResets : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            """
            CREATE TABLE password_resets (
                id uuid NOT NULL,
                account_id uuid NOT NULL,
                identified_by character varying(16) NOT NULL,
                channel character varying(16) NOT NULL,
                revoked_refresh_tokens integer NOT NULL,
                client_address character varying(64),
                reset_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_password_resets PRIMARY KEY (id)
            );
            CREATE INDEX ix_password_resets_account_id_reset_at ON password_resets (account_id, reset_at);
            CREATE INDEX ix_accounts_phone_number ON accounts (phone_number);
            ALTER TABLE prospects ADD account_name character varying(32);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("ALTER TABLE prospects DROP COLUMN account_name; DROP INDEX ix_accounts_phone_number; DROP TABLE password_resets;");
    }
}
