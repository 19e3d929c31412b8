using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Incentives.Api.Data.Migrations;

/// <summary>
/// FH enrolments, staff, projects, monthly lists, payment applications and invoices; statement lines; capability
/// incentive scopes (with the seed's three kinds from 2026-01-01) and claims; project subsidies; the partner read
/// model; outbox and inbox. The SQL was generated once from the model (<c>GenerateCreateScript</c>); the schema
/// test keeps the two in step.
/// </summary>
[DbContext(typeof(IncentivesDbContext))]
[Migration("20261206030000_InitialCreate")]
public sealed class InitialCreate : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            """
            CREATE TABLE capability_incentive_claims (
                id uuid NOT NULL,
                partner_id uuid NOT NULL,
                incentive_kind character varying(64) NOT NULL,
                region character varying(32) NOT NULL,
                amount numeric(18,2) NOT NULL,
                currency character varying(3) NOT NULL,
                scope_id bigint NOT NULL,
                claimed_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_capability_incentive_claims PRIMARY KEY (id)
            );
            CREATE TABLE capability_incentive_scopes (
                id bigint GENERATED ALWAYS AS IDENTITY,
                incentive_kind character varying(64) NOT NULL,
                region_scope character varying(32) NOT NULL,
                effective_from date NOT NULL,
                changed_by character varying(256) NOT NULL,
                changed_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_capability_incentive_scopes PRIMARY KEY (id)
            );
            CREATE TABLE fh_enrolments (
                id uuid NOT NULL,
                partner_id uuid NOT NULL,
                track character varying(32) NOT NULL,
                status character varying(32) NOT NULL,
                agreement_signed_at timestamp with time zone NOT NULL,
                decided_by character varying(256),
                remark character varying(256),
                created_at timestamp with time zone NOT NULL,
                active_from timestamp with time zone,
                last_generated_month date,
                CONSTRAINT pk_fh_enrolments PRIMARY KEY (id)
            );
            CREATE TABLE fh_monthly_lists (
                id uuid NOT NULL,
                partner_id uuid NOT NULL,
                track character varying(32) NOT NULL,
                month date NOT NULL,
                status character varying(32) NOT NULL,
                staff_count integer NOT NULL,
                total_amount numeric(18,2) NOT NULL,
                currency character varying(3) NOT NULL,
                generated_at timestamp with time zone NOT NULL,
                verify_by timestamp with time zone NOT NULL,
                verified_at timestamp with time zone,
                materials text[] NOT NULL,
                reviewed_at timestamp with time zone,
                reviewed_by character varying(256),
                review_remark character varying(256),
                void_reason character varying(32),
                payment_application_id uuid,
                CONSTRAINT pk_fh_monthly_lists PRIMARY KEY (id)
            );
            CREATE TABLE fh_projects (
                id uuid NOT NULL,
                partner_id uuid NOT NULL,
                name character varying(256) NOT NULL,
                staff_id uuid,
                updated_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_fh_projects PRIMARY KEY (id)
            );
            CREATE TABLE fh_staff (
                id uuid NOT NULL,
                partner_id uuid NOT NULL,
                track character varying(32) NOT NULL,
                name character varying(256) NOT NULL,
                monthly_amount numeric(18,2) NOT NULL,
                currency character varying(3) NOT NULL,
                active_from date NOT NULL,
                active_to date,
                updated_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_fh_staff PRIMARY KEY (id),
                CONSTRAINT ck_fh_staff_monthly_amount CHECK (monthly_amount >= 0)
            );
            CREATE TABLE inbox_messages (
                message_id uuid NOT NULL,
                consumer character varying(300) NOT NULL,
                processed_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_inbox_messages PRIMARY KEY (message_id, consumer)
            );
            CREATE TABLE outbox_messages (
                id uuid NOT NULL,
                message_type character varying(500) NOT NULL,
                payload jsonb NOT NULL,
                trace_parent character varying(100),
                created_at timestamp with time zone NOT NULL,
                available_at timestamp with time zone NOT NULL,
                sent_at timestamp with time zone,
                attempts integer NOT NULL,
                last_error character varying(256),
                CONSTRAINT pk_outbox_messages PRIMARY KEY (id)
            );
            CREATE TABLE partner_profiles (
                partner_id uuid NOT NULL,
                path_stage character varying(32) NOT NULL,
                path_stage_at timestamp with time zone,
                business_info_certified_at timestamp with time zone,
                capability_tags text[] NOT NULL,
                CONSTRAINT pk_partner_profiles PRIMARY KEY (partner_id)
            );
            CREATE TABLE payment_applications (
                id uuid NOT NULL,
                partner_id uuid NOT NULL,
                quarter date NOT NULL,
                amount numeric(18,2) NOT NULL,
                currency character varying(3) NOT NULL,
                status character varying(32) NOT NULL,
                applied_at timestamp with time zone NOT NULL,
                invoice_received_at timestamp with time zone,
                paying_at timestamp with time zone,
                pay_by timestamp with time zone,
                paid_at timestamp with time zone,
                CONSTRAINT pk_payment_applications PRIMARY KEY (id)
            );
            CREATE TABLE project_subsidies (
                id uuid NOT NULL,
                project_id uuid NOT NULL,
                partner_id uuid NOT NULL,
                status character varying(32) NOT NULL,
                large_project boolean NOT NULL,
                capability_tags_at_application text[] NOT NULL,
                applied_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_project_subsidies PRIMARY KEY (id)
            );
            CREATE TABLE statement_lines (
                id uuid NOT NULL,
                partner_id uuid NOT NULL,
                period date NOT NULL,
                incentive_kind character varying(64) NOT NULL,
                amount numeric(18,2) NOT NULL,
                original_amount numeric(18,2) NOT NULL,
                currency character varying(3) NOT NULL,
                status character varying(32) NOT NULL,
                metric character varying(64) NOT NULL,
                metric_value numeric(20,4) NOT NULL,
                formula character varying(1000) NOT NULL,
                sources text[] NOT NULL,
                netting_trail text[] NOT NULL,
                created_at timestamp with time zone NOT NULL,
                confirm_by timestamp with time zone,
                feedback character varying(2000),
                feedback_at timestamp with time zone,
                confirmed_at timestamp with time zone,
                confirmed_automatically boolean,
                issued_at timestamp with time zone,
                CONSTRAINT pk_statement_lines PRIMARY KEY (id)
            );
            CREATE TABLE subsidy_projects (
                project_id uuid NOT NULL,
                partner_id uuid NOT NULL,
                name character varying(256) NOT NULL,
                annual_cloud_spending numeric(18,2) NOT NULL,
                currency character varying(3) NOT NULL,
                overseas boolean NOT NULL,
                source character varying(32) NOT NULL,
                received_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_subsidy_projects PRIMARY KEY (project_id)
            );
            CREATE TABLE fh_list_lines (
                list_id uuid NOT NULL,
                staff_id uuid NOT NULL,
                staff_name character varying(256) NOT NULL,
                amount numeric(18,2) NOT NULL,
                project_ids uuid[] NOT NULL,
                CONSTRAINT pk_fh_list_lines PRIMARY KEY (list_id, staff_id),
                CONSTRAINT fk_fh_list_lines_fh_monthly_lists_list_id FOREIGN KEY (list_id) REFERENCES fh_monthly_lists (id) ON DELETE CASCADE
            );
            CREATE TABLE invoices (
                id uuid NOT NULL,
                payment_application_id uuid NOT NULL,
                partner_id uuid NOT NULL,
                invoice_number character varying(64) NOT NULL,
                amount numeric(18,2) NOT NULL,
                currency character varying(3) NOT NULL,
                issued_on date NOT NULL,
                registered_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_invoices PRIMARY KEY (id),
                CONSTRAINT ck_invoices_amount CHECK (amount > 0),
                CONSTRAINT fk_invoices_payment_applications_payment_application_id FOREIGN KEY (payment_application_id) REFERENCES payment_applications (id) ON DELETE RESTRICT
            );
            CREATE INDEX ix_capability_incentive_claims_partner_id ON capability_incentive_claims (partner_id);
            CREATE INDEX ix_capability_incentive_scopes_incentive_kind_effective_from ON capability_incentive_scopes (incentive_kind, effective_from);
            CREATE INDEX ix_fh_enrolments_last_generated_month ON fh_enrolments (last_generated_month) WHERE status = 'active';
            CREATE UNIQUE INDEX ix_fh_enrolments_partner_id_track ON fh_enrolments (partner_id, track);
            CREATE UNIQUE INDEX ix_fh_monthly_lists_partner_id_track_month ON fh_monthly_lists (partner_id, track, month);
            CREATE INDEX ix_fh_monthly_lists_payment_application_id ON fh_monthly_lists (payment_application_id);
            CREATE INDEX ix_fh_monthly_lists_verify_by ON fh_monthly_lists (verify_by) WHERE status = 'awaiting_verification';
            CREATE INDEX ix_fh_projects_partner_id ON fh_projects (partner_id);
            CREATE INDEX ix_fh_projects_staff_id ON fh_projects (staff_id);
            CREATE INDEX ix_fh_staff_partner_id_track ON fh_staff (partner_id, track);
            CREATE INDEX ix_inbox_messages_processed_at ON inbox_messages (processed_at);
            CREATE UNIQUE INDEX ix_invoices_partner_id_invoice_number ON invoices (partner_id, invoice_number);
            CREATE INDEX ix_invoices_payment_application_id ON invoices (payment_application_id);
            CREATE INDEX ix_outbox_messages_sent_at ON outbox_messages (sent_at) WHERE sent_at IS NOT NULL;
            CREATE INDEX ix_outbox_messages_unsent ON outbox_messages (id) WHERE sent_at IS NULL;
            CREATE UNIQUE INDEX ix_payment_applications_partner_id_quarter ON payment_applications (partner_id, quarter);
            CREATE INDEX ix_project_subsidies_partner_id ON project_subsidies (partner_id);
            CREATE UNIQUE INDEX ix_project_subsidies_project_id ON project_subsidies (project_id);
            CREATE INDEX ix_statement_lines_confirm_by ON statement_lines (confirm_by) WHERE status = 'pending_confirmation' AND feedback_at IS NULL;
            CREATE INDEX ix_statement_lines_partner_id_period ON statement_lines (partner_id, period);
            CREATE INDEX ix_subsidy_projects_partner_id ON subsidy_projects (partner_id);
            INSERT INTO capability_incentive_scopes (incentive_kind, region_scope, effective_from, changed_by, changed_at) VALUES
                ('operations_excellence', 'china', DATE '2026-01-01', 'seed', TIMESTAMPTZ '2026-01-01 00:00:00+00'),
                ('application_modernisation', 'china', DATE '2026-01-01', 'seed', TIMESTAMPTZ '2026-01-01 00:00:00+00'),
                ('cloud_migration_planning', 'overseas', DATE '2026-01-01', 'seed', TIMESTAMPTZ '2026-01-01 00:00:00+00');
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            """
            DROP TABLE IF EXISTS invoices;
            DROP TABLE IF EXISTS fh_list_lines;
            DROP TABLE IF EXISTS subsidy_projects;
            DROP TABLE IF EXISTS statement_lines;
            DROP TABLE IF EXISTS project_subsidies;
            DROP TABLE IF EXISTS payment_applications;
            DROP TABLE IF EXISTS partner_profiles;
            DROP TABLE IF EXISTS outbox_messages;
            DROP TABLE IF EXISTS inbox_messages;
            DROP TABLE IF EXISTS fh_staff;
            DROP TABLE IF EXISTS fh_projects;
            DROP TABLE IF EXISTS fh_monthly_lists;
            DROP TABLE IF EXISTS fh_enrolments;
            DROP TABLE IF EXISTS capability_incentive_scopes;
            DROP TABLE IF EXISTS capability_incentive_claims;
            """);
    }
}
