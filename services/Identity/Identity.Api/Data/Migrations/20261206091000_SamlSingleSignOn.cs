using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Identity.Api.Data.Migrations;

/// <summary>SAML single sign-on: partners' identity providers, their audit trail, pending requests, used assertions, one-time codes (ADR 0042).</summary>
[DbContext(typeof(IdentityDbContext))]
[Migration("20261206091000_SamlSingleSignOn")]
public sealed class SamlSingleSignOn : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            """
            CREATE TABLE saml_identity_providers (
                partner_id uuid NOT NULL,
                entity_id character varying(1024) NOT NULL,
                single_sign_on_url character varying(2048) NOT NULL,
                signing_certificates text[] NOT NULL,
                metadata_xml text NOT NULL,
                updated_at timestamp with time zone NOT NULL,
                updated_by uuid NOT NULL,
                CONSTRAINT pk_saml_identity_providers PRIMARY KEY (partner_id)
            );
            CREATE TABLE saml_configuration_changes (
                id uuid NOT NULL,
                partner_id uuid NOT NULL,
                changed_by uuid NOT NULL,
                action character varying(32) NOT NULL,
                entity_id character varying(1024) NOT NULL,
                certificate_thumbprints text[] NOT NULL,
                changed_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_saml_configuration_changes PRIMARY KEY (id)
            );
            CREATE INDEX ix_saml_configuration_changes_partner_id_changed_at ON saml_configuration_changes (partner_id, changed_at);
            CREATE TABLE saml_pending_requests (
                id character varying(64) NOT NULL,
                partner_id uuid NOT NULL,
                expires_at timestamp with time zone NOT NULL,
                consumed_at timestamp with time zone,
                CONSTRAINT pk_saml_pending_requests PRIMARY KEY (id)
            );
            CREATE INDEX ix_saml_pending_requests_expires_at ON saml_pending_requests (expires_at);
            CREATE TABLE saml_used_assertions (
                partner_id uuid NOT NULL,
                assertion_id character varying(256) NOT NULL,
                expires_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_saml_used_assertions PRIMARY KEY (partner_id, assertion_id)
            );
            CREATE INDEX ix_saml_used_assertions_expires_at ON saml_used_assertions (expires_at);
            CREATE TABLE saml_login_codes (
                code_hash character varying(64) NOT NULL,
                account_id uuid NOT NULL,
                expires_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_saml_login_codes PRIMARY KEY (code_hash)
            );
            CREATE INDEX ix_saml_login_codes_expires_at ON saml_login_codes (expires_at);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            "DROP TABLE saml_login_codes; DROP TABLE saml_used_assertions; DROP TABLE saml_pending_requests; DROP TABLE saml_configuration_changes; DROP TABLE saml_identity_providers;");
    }
}
