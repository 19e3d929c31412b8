using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Identity.Api.Data.Migrations;

/// <summary>Business certification with supplier records, member roles and invitations; one active membership per programme.</summary>
[DbContext(typeof(IdentityDbContext))]
[Migration("20261121050000_PartnersAndMembers")]
public sealed class PartnersAndMembers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            """
            DROP INDEX ix_partner_programmes_partner_id_programme;
            CREATE TABLE business_certifications (
                partner_id uuid NOT NULL,
                status character varying(32) NOT NULL,
                bank_name character varying(200) NOT NULL,
                bank_account_name character varying(200) NOT NULL,
                bank_account_number character varying(64) NOT NULL,
                tax_id character varying(64) NOT NULL,
                bank_letter_reference character varying(500),
                submitted_at timestamp with time zone NOT NULL,
                review_due_by timestamp with time zone,
                reviewed_at timestamp with time zone,
                reviewed_by uuid,
                review_note character varying(500),
                certified_at timestamp with time zone,
                CONSTRAINT pk_business_certifications PRIMARY KEY (partner_id)
            );
            CREATE TABLE member_invitations (
                id uuid NOT NULL,
                partner_id uuid NOT NULL,
                invited_by uuid NOT NULL,
                channel character varying(32) NOT NULL,
                address character varying(254) NOT NULL,
                created_at timestamp with time zone NOT NULL,
                expires_at timestamp with time zone NOT NULL,
                accepted_at timestamp with time zone,
                accepted_by uuid,
                CONSTRAINT pk_member_invitations PRIMARY KEY (id)
            );
            CREATE TABLE member_roles (
                account_id uuid NOT NULL,
                role_id uuid NOT NULL,
                CONSTRAINT pk_member_roles PRIMARY KEY (account_id, role_id)
            );
            CREATE TABLE partner_roles (
                id uuid NOT NULL,
                partner_id uuid NOT NULL,
                name character varying(64) NOT NULL,
                permissions text[] NOT NULL,
                created_at timestamp with time zone NOT NULL,
                updated_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_partner_roles PRIMARY KEY (id)
            );
            CREATE TABLE supplier_records (
                tax_id character varying(64) NOT NULL,
                bank_account_number character varying(64) NOT NULL,
                recorded_at timestamp with time zone NOT NULL,
                recorded_by uuid NOT NULL,
                CONSTRAINT pk_supplier_records PRIMARY KEY (tax_id)
            );
            CREATE INDEX ix_business_certifications_status_submitted_at ON business_certifications (status, submitted_at);
            CREATE INDEX ix_member_invitations_invited_by_created_at ON member_invitations (invited_by, created_at);
            CREATE INDEX ix_member_invitations_partner_id_address_expires_at ON member_invitations (partner_id, address, expires_at);
            CREATE INDEX ix_member_roles_role_id ON member_roles (role_id);
            CREATE UNIQUE INDEX ix_partner_programmes_partner_id_programme ON partner_programmes (partner_id, programme) WHERE status = 'active';
            CREATE UNIQUE INDEX ix_partner_roles_partner_id_name ON partner_roles (partner_id, name);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TABLE supplier_records, partner_roles, member_roles, member_invitations, business_certifications; DROP INDEX ix_partner_programmes_partner_id_programme; CREATE INDEX ix_partner_programmes_partner_id_programme ON partner_programmes (partner_id, programme);");
    }
}
