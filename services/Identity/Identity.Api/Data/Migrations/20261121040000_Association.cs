using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Identity.Api.Data.Migrations;

/// <summary>Pre-registrations with their claims, invitations, authorisation requests, disassociations, account facts and warnings.</summary>
[DbContext(typeof(IdentityDbContext))]
[Migration("20261121040000_Association")]
public sealed class Association : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            """
            CREATE TABLE authorisation_requests (
                id uuid NOT NULL,
                customer_id uuid NOT NULL,
                partner_id uuid NOT NULL,
                purpose character varying(32) NOT NULL,
                status character varying(32) NOT NULL,
                requested_at timestamp with time zone NOT NULL,
                requested_by uuid NOT NULL,
                decided_at timestamp with time zone,
                CONSTRAINT pk_authorisation_requests PRIMARY KEY (id)
            );
            CREATE TABLE customer_account_facts (
                customer_id uuid NOT NULL,
                unpaid_partner_orders boolean NOT NULL,
                arrears_amount numeric(18,2) NOT NULL,
                manual_freeze boolean NOT NULL,
                reserved_resources_until timestamp with time zone,
                balance numeric(18,2),
                resources_expiring_at timestamp with time zone,
                updated_at timestamp with time zone NOT NULL,
                updated_by uuid NOT NULL,
                CONSTRAINT pk_customer_account_facts PRIMARY KEY (customer_id)
            );
            CREATE TABLE customer_invitations (
                id uuid NOT NULL,
                partner_id uuid NOT NULL,
                kind character varying(32) NOT NULL,
                prospect_id uuid,
                association_type character varying(32) NOT NULL,
                invited_by uuid NOT NULL,
                created_at timestamp with time zone NOT NULL,
                expires_at timestamp with time zone,
                used_at timestamp with time zone,
                used_by_customer_id uuid,
                CONSTRAINT pk_customer_invitations PRIMARY KEY (id)
            );
            CREATE TABLE customer_warnings (
                id uuid NOT NULL,
                customer_id uuid NOT NULL,
                partner_id uuid NOT NULL,
                kind character varying(32) NOT NULL,
                status character varying(32) NOT NULL,
                raised_at timestamp with time zone NOT NULL,
                refreshed_at timestamp with time zone NOT NULL,
                closed_at timestamp with time zone,
                closed_by uuid,
                note character varying(500),
                CONSTRAINT pk_customer_warnings PRIMARY KEY (id)
            );
            CREATE TABLE disassociation_requests (
                id uuid NOT NULL,
                customer_id uuid NOT NULL,
                partner_id uuid NOT NULL,
                requested_by character varying(32) NOT NULL,
                requested_by_account uuid NOT NULL,
                requested_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_disassociation_requests PRIMARY KEY (id)
            );
            CREATE TABLE prospect_claims (
                claim_key character varying(300) NOT NULL,
                partner_id uuid NOT NULL,
                prospect_id uuid NOT NULL,
                protected_until timestamp with time zone NOT NULL,
                CONSTRAINT pk_prospect_claims PRIMARY KEY (claim_key)
            );
            CREATE TABLE prospects (
                id uuid NOT NULL,
                partner_id uuid NOT NULL,
                company_name character varying(200) NOT NULL,
                contact_name character varying(100) NOT NULL,
                mobile_phone character varying(32),
                email character varying(254),
                association_type character varying(32) NOT NULL,
                status character varying(32) NOT NULL,
                protected_until timestamp with time zone NOT NULL,
                customer_id uuid,
                created_at timestamp with time zone NOT NULL,
                created_by uuid NOT NULL,
                updated_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_prospects PRIMARY KEY (id)
            );
            CREATE TABLE warning_refresh_runs (
                day date NOT NULL,
                ran_at timestamp with time zone NOT NULL,
                raised integer NOT NULL,
                CONSTRAINT pk_warning_refresh_runs PRIMARY KEY (day)
            );
            CREATE INDEX ix_authorisation_requests_customer_id_requested_at ON authorisation_requests (customer_id, requested_at);
            CREATE UNIQUE INDEX ix_authorisation_requests_partner_id_customer_id_purpose ON authorisation_requests (partner_id, customer_id, purpose) WHERE status = 'pending';
            CREATE INDEX ix_customer_invitations_partner_id_created_at ON customer_invitations (partner_id, created_at);
            CREATE INDEX ix_customer_invitations_prospect_id ON customer_invitations (prospect_id);
            CREATE UNIQUE INDEX ix_customer_warnings_customer_id_kind ON customer_warnings (customer_id, kind) WHERE status = 'open';
            CREATE INDEX ix_customer_warnings_partner_id_status_raised_at ON customer_warnings (partner_id, status, raised_at);
            CREATE INDEX ix_disassociation_requests_customer_id_requested_at ON disassociation_requests (customer_id, requested_at);
            CREATE INDEX ix_prospect_claims_prospect_id ON prospect_claims (prospect_id);
            CREATE INDEX ix_prospects_partner_id_created_at ON prospects (partner_id, created_at);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TABLE warning_refresh_runs, customer_warnings, customer_account_facts, disassociation_requests, authorisation_requests, customer_invitations, prospect_claims, prospects;");
    }
}
