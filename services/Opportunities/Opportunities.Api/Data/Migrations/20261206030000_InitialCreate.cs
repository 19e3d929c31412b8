using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Opportunities.Api.Data.Migrations;

/// <summary>
/// POs and their history, HOs, partner solutions, deals, projects, the read models kept from
/// identity's and resellers' events, outbox and inbox. The SQL was generated once from the model
/// (<c>GenerateCreateScript</c>); the schema test keeps the two in step.
/// </summary>
[DbContext(typeof(OpportunitiesDbContext))]
[Migration("20261206030000_InitialCreate")]
public sealed class InitialCreate : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            """
            CREATE TABLE customer_associations (
                customer_id uuid NOT NULL,
                partner_id uuid NOT NULL,
                indirect_partner_id uuid,
                owner_partner_id uuid NOT NULL,
                active boolean NOT NULL,
                last_event_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_customer_associations PRIMARY KEY (customer_id)
            );
            CREATE TABLE customer_authorisations (
                partner_id uuid NOT NULL,
                customer_id uuid NOT NULL,
                purpose character varying(32) NOT NULL,
                authorisation_id uuid NOT NULL,
                granted_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_customer_authorisations PRIMARY KEY (partner_id, customer_id, purpose)
            );
            CREATE TABLE deals (
                id uuid NOT NULL,
                partner_id uuid NOT NULL,
                deal_name character varying(200) NOT NULL,
                customer_id uuid,
                customer_name character varying(200) NOT NULL,
                customer_account_name character varying(200) NOT NULL,
                customer_key character varying(200) NOT NULL,
                account_manager_name character varying(100) NOT NULL,
                product_code character varying(100) NOT NULL,
                amount numeric(18,2) NOT NULL,
                currency character varying(3) NOT NULL,
                reseller_partner_id uuid,
                registered_at timestamp with time zone NOT NULL,
                protected_until timestamp with time zone NOT NULL,
                CONSTRAINT pk_deals PRIMARY KEY (id)
            );
            CREATE TABLE handovers (
                id uuid NOT NULL,
                status character varying(32) NOT NULL,
                title character varying(200) NOT NULL,
                description character varying(2000) NOT NULL,
                solution_type character varying(64) NOT NULL,
                offering_rule_set character varying(32),
                offering character varying(100),
                committee_case character varying(64),
                committee_note character varying(500),
                customer_name character varying(200) NOT NULL,
                customer_industry character varying(100) NOT NULL,
                customer_province character varying(64) NOT NULL,
                contact_name character varying(100) NOT NULL,
                contact_phone character varying(32) NOT NULL,
                contact_email character varying(200),
                expected_revenue numeric(18,2) NOT NULL,
                currency character varying(3) NOT NULL,
                partner_id uuid,
                assigned_at timestamp with time zone,
                respond_by timestamp with time zone,
                responded_at timestamp with time zone,
                rejection_reason character varying(500),
                stage character varying(32),
                created_by character varying(64) NOT NULL,
                created_at timestamp with time zone NOT NULL,
                updated_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_handovers PRIMARY KEY (id)
            );
            CREATE TABLE history_entries (
                id bigint GENERATED ALWAYS AS IDENTITY,
                subject_id uuid NOT NULL,
                kind character varying(32) NOT NULL,
                stage character varying(32),
                note character varying(1000),
                by_vendor boolean NOT NULL,
                author_id character varying(64),
                occurred_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_history_entries PRIMARY KEY (id)
            );
            CREATE TABLE inbox_messages (
                message_id uuid NOT NULL,
                consumer character varying(300) NOT NULL,
                processed_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_inbox_messages PRIMARY KEY (message_id, consumer)
            );
            CREATE TABLE opportunities (
                id uuid NOT NULL,
                partner_id uuid NOT NULL,
                status character varying(32) NOT NULL,
                stage character varying(32),
                budget_amount numeric(18,2),
                budget_currency character varying(3),
                decision_maker_name character varying(100),
                decision_maker_title character varying(100),
                need_products text[] NOT NULL,
                need_description character varying(2000),
                expected_order_date date,
                project_timeline character varying(500),
                customer_id uuid,
                customer_name character varying(200),
                customer_industry character varying(100),
                customer_province character varying(64),
                customer_city character varying(64),
                contact_name character varying(100),
                contact_phone character varying(32),
                contact_email character varying(200),
                expected_revenue numeric(18,2),
                revenue_currency character varying(3),
                cloud_related boolean NOT NULL,
                solution_id uuid,
                consent_confirmed_by character varying(100),
                consent_confirmed_at timestamp with time zone,
                consent_method character varying(100),
                routed_to character varying(80),
                psm_region character varying(32),
                editable_parts text[] NOT NULL,
                submitted_at timestamp with time zone,
                validate_by timestamp with time zone,
                reviewed_by character varying(64),
                reviewed_at timestamp with time zone,
                rejection_reason character varying(32),
                won_at timestamp with time zone,
                delivered_at timestamp with time zone,
                last_partner_activity_at timestamp with time zone,
                created_by character varying(64),
                created_at timestamp with time zone NOT NULL,
                updated_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_opportunities PRIMARY KEY (id)
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
                last_error text,
                CONSTRAINT pk_outbox_messages PRIMARY KEY (id)
            );
            CREATE TABLE partner_facts (
                partner_id uuid NOT NULL,
                co_expansion_joined_at timestamp with time zone,
                path_stage character varying(32),
                path_stage_changed_at timestamp with time zone,
                capability_tags text[] NOT NULL,
                CONSTRAINT pk_partner_facts PRIMARY KEY (partner_id)
            );
            CREATE TABLE partner_programmes (
                partner_id uuid NOT NULL,
                programme character varying(32) NOT NULL,
                active boolean NOT NULL,
                expires_at timestamp with time zone,
                last_event_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_partner_programmes PRIMARY KEY (partner_id, programme)
            );
            CREATE TABLE partner_solutions (
                id uuid NOT NULL,
                partner_id uuid NOT NULL,
                name character varying(200) NOT NULL,
                description character varying(2000) NOT NULL,
                products text[] NOT NULL,
                status character varying(32) NOT NULL,
                created_at timestamp with time zone NOT NULL,
                updated_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_partner_solutions PRIMARY KEY (id)
            );
            CREATE TABLE projects (
                id uuid NOT NULL,
                partner_id uuid NOT NULL,
                project_name character varying(200) NOT NULL,
                description character varying(2000) NOT NULL,
                customer_name character varying(200) NOT NULL,
                annual_cloud_spending numeric(18,2) NOT NULL,
                currency character varying(3) NOT NULL,
                overseas boolean NOT NULL,
                status character varying(32) NOT NULL,
                review_note character varying(1000),
                reviewed_by character varying(64),
                reviewed_at timestamp with time zone,
                created_at timestamp with time zone NOT NULL,
                updated_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_projects PRIMARY KEY (id)
            );
            CREATE TABLE reseller_links (
                link_id uuid NOT NULL,
                distributor_partner_id uuid NOT NULL,
                reseller_partner_id uuid NOT NULL,
                status character varying(16) NOT NULL,
                last_event_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_reseller_links PRIMARY KEY (link_id)
            );
            CREATE INDEX ix_customer_associations_owner_partner_id ON customer_associations (owner_partner_id);
            CREATE INDEX ix_deals_customer_key_product_code_protected_until ON deals (customer_key, product_code, protected_until);
            CREATE INDEX ix_deals_partner_id_registered_at ON deals (partner_id, registered_at);
            CREATE INDEX ix_handovers_partner_id_assigned_at ON handovers (partner_id, assigned_at);
            CREATE INDEX ix_handovers_respond_by ON handovers (respond_by) WHERE status = 'assigned';
            CREATE INDEX ix_history_entries_subject_id_id ON history_entries (subject_id, id);
            CREATE INDEX ix_inbox_messages_processed_at ON inbox_messages (processed_at);
            CREATE INDEX ix_opportunities_partner_id_created_at ON opportunities (partner_id, created_at);
            CREATE INDEX ix_opportunities_routed_to_validate_by ON opportunities (routed_to, validate_by) WHERE status = 'submitted';
            CREATE INDEX ix_opportunities_validate_by ON opportunities (validate_by) WHERE status = 'submitted';
            CREATE INDEX ix_outbox_messages_sent_at ON outbox_messages (sent_at) WHERE sent_at IS NOT NULL;
            CREATE INDEX ix_outbox_messages_unsent ON outbox_messages (id) WHERE sent_at IS NULL;
            CREATE UNIQUE INDEX ix_partner_solutions_partner_id_name ON partner_solutions (partner_id, name);
            CREATE INDEX ix_projects_partner_id_created_at ON projects (partner_id, created_at);
            CREATE INDEX ix_projects_status ON projects (status);
            CREATE INDEX ix_reseller_links_distributor_partner_id_reseller_partner_id ON reseller_links (distributor_partner_id, reseller_partner_id);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            """
            DROP TABLE reseller_links;
            DROP TABLE projects;
            DROP TABLE partner_solutions;
            DROP TABLE partner_programmes;
            DROP TABLE partner_facts;
            DROP TABLE outbox_messages;
            DROP TABLE opportunities;
            DROP TABLE inbox_messages;
            DROP TABLE history_entries;
            DROP TABLE handovers;
            DROP TABLE deals;
            DROP TABLE customer_authorisations;
            DROP TABLE customer_associations;
            """);
    }
}
