using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Incentives.Api.Data.Migrations;

/// <summary>
/// MDF (categories with the seed's events, digital and media rows; yearly quotas; applications; claims; invoices)
/// and NRE (agreements, one per solution; milestones). The SQL was generated from the model
/// (<c>GenerateCreateScript</c>); the schema test keeps the two in step.
/// </summary>
[DbContext(typeof(IncentivesDbContext))]
[Migration("20261206060000_MdfAndNre")]
public sealed class MdfAndNre : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            """
            CREATE TABLE mdf_categories (
                code character varying(64) NOT NULL,
                "group" character varying(32) NOT NULL,
                name character varying(256) NOT NULL,
                active boolean NOT NULL,
                CONSTRAINT pk_mdf_categories PRIMARY KEY (code)
            );
            CREATE TABLE mdf_quotas (
                partner_id uuid NOT NULL,
                year integer NOT NULL,
                amount numeric(18,2) NOT NULL,
                approved_total numeric(18,2) NOT NULL,
                currency character varying(3) NOT NULL,
                set_by character varying(256) NOT NULL,
                updated_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_mdf_quotas PRIMARY KEY (partner_id, year),
                CONSTRAINT ck_mdf_quotas_approved_total CHECK (approved_total >= 0 AND approved_total <= amount)
            );
            CREATE TABLE nre_agreements (
                id uuid NOT NULL,
                partner_id uuid NOT NULL,
                solution_id uuid NOT NULL,
                solution_name character varying(256) NOT NULL,
                document_reference character varying(512) NOT NULL,
                document_sha256 character varying(64) NOT NULL,
                currency character varying(3) NOT NULL,
                total_amount numeric(18,2) NOT NULL,
                status character varying(32) NOT NULL,
                uploaded_by character varying(256) NOT NULL,
                uploaded_at timestamp with time zone NOT NULL,
                reviewed_by character varying(256),
                reviewed_at timestamp with time zone,
                review_remark character varying(1000),
                CONSTRAINT pk_nre_agreements PRIMARY KEY (id)
            );
            CREATE TABLE mdf_applications (
                id uuid NOT NULL,
                partner_id uuid NOT NULL,
                category_code character varying(64) NOT NULL,
                title character varying(256) NOT NULL,
                activity_start date NOT NULL,
                activity_end date NOT NULL,
                requested_amount numeric(18,2) NOT NULL,
                approved_amount numeric(18,2),
                claimed_amount numeric(18,2) NOT NULL,
                currency character varying(3) NOT NULL,
                attestation character varying(1000) NOT NULL,
                attested_at timestamp with time zone NOT NULL,
                status character varying(32) NOT NULL,
                applied_at timestamp with time zone NOT NULL,
                decided_at timestamp with time zone,
                decided_by character varying(256),
                remark character varying(256),
                claim_by date NOT NULL,
                CONSTRAINT pk_mdf_applications PRIMARY KEY (id),
                CONSTRAINT ck_mdf_applications_claimed_amount CHECK (claimed_amount >= 0 AND claimed_amount <= coalesce(approved_amount, 0)),
                CONSTRAINT fk_mdf_applications_mdf_categories_category_code FOREIGN KEY (category_code) REFERENCES mdf_categories (code) ON DELETE RESTRICT
            );
            CREATE TABLE nre_milestones (
                agreement_id uuid NOT NULL,
                number integer NOT NULL,
                name character varying(256) NOT NULL,
                amount numeric(18,2) NOT NULL,
                status character varying(32) NOT NULL,
                materials text[] NOT NULL,
                applied_at timestamp with time zone,
                decided_at timestamp with time zone,
                decided_by character varying(256),
                remark character varying(1000),
                CONSTRAINT pk_nre_milestones PRIMARY KEY (agreement_id, number),
                CONSTRAINT ck_nre_milestones_amount CHECK (amount >= 0),
                CONSTRAINT fk_nre_milestones_nre_agreements_agreement_id FOREIGN KEY (agreement_id) REFERENCES nre_agreements (id) ON DELETE CASCADE
            );
            CREATE TABLE mdf_claims (
                id uuid NOT NULL,
                application_id uuid NOT NULL,
                partner_id uuid NOT NULL,
                amount numeric(18,2) NOT NULL,
                currency character varying(3) NOT NULL,
                status character varying(32) NOT NULL,
                submitted_at timestamp with time zone NOT NULL,
                decided_at timestamp with time zone,
                decided_by character varying(256),
                remark character varying(256),
                paid_at timestamp with time zone,
                CONSTRAINT pk_mdf_claims PRIMARY KEY (id),
                CONSTRAINT ck_mdf_claims_amount CHECK (amount > 0),
                CONSTRAINT fk_mdf_claims_mdf_applications_application_id FOREIGN KEY (application_id) REFERENCES mdf_applications (id) ON DELETE RESTRICT
            );
            CREATE TABLE mdf_invoices (
                id uuid NOT NULL,
                claim_id uuid NOT NULL,
                partner_id uuid NOT NULL,
                invoice_number character varying(64) NOT NULL,
                amount numeric(18,2) NOT NULL,
                currency character varying(3) NOT NULL,
                issued_on date NOT NULL,
                CONSTRAINT pk_mdf_invoices PRIMARY KEY (id),
                CONSTRAINT ck_mdf_invoices_amount CHECK (amount > 0),
                CONSTRAINT fk_mdf_invoices_mdf_claims_claim_id FOREIGN KEY (claim_id) REFERENCES mdf_claims (id) ON DELETE RESTRICT
            );
            CREATE INDEX ix_mdf_applications_category_code ON mdf_applications (category_code);
            CREATE INDEX ix_mdf_applications_partner_id_status ON mdf_applications (partner_id, status);
            CREATE INDEX ix_mdf_claims_application_id ON mdf_claims (application_id);
            CREATE INDEX ix_mdf_claims_partner_id ON mdf_claims (partner_id);
            CREATE INDEX ix_mdf_invoices_claim_id ON mdf_invoices (claim_id);
            CREATE UNIQUE INDEX ix_mdf_invoices_partner_id_invoice_number ON mdf_invoices (partner_id, invoice_number);
            CREATE INDEX ix_nre_agreements_partner_id ON nre_agreements (partner_id);
            CREATE UNIQUE INDEX ix_nre_agreements_solution_id ON nre_agreements (solution_id);
            INSERT INTO mdf_categories (code, "group", name, active) VALUES
                ('exhibition', 'events', 'Exhibition (展会)', TRUE),
                ('customer_seminar', 'events', 'Customer seminar or on-site meeting (客户研讨会/现场会)', TRUE),
                ('third_party_forum', 'events', 'Third-party industry forum (第三方行业论坛)', TRUE),
                ('showroom', 'events', 'Showroom (展厅)', TRUE),
                ('vendor_visit', 'events', 'Visit to the vendor (公司参观)', TRUE),
                ('roadshow', 'events', 'Roadshow (巡展)', TRUE),
                ('website', 'digital', 'Website (网站)', TRUE),
                ('edm', 'digital', 'EDM', TRUE),
                ('search', 'digital', 'Search (搜索)', TRUE),
                ('app', 'digital', 'App (APP)', TRUE),
                ('wechat', 'digital', 'WeChat (微信)', TRUE),
                ('weibo', 'digital', 'Weibo (微博)', TRUE),
                ('advertising', 'media', 'Advertising (广告)', TRUE);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            """
            DROP TABLE IF EXISTS mdf_invoices;
            DROP TABLE IF EXISTS mdf_claims;
            DROP TABLE IF EXISTS mdf_applications;
            DROP TABLE IF EXISTS mdf_quotas;
            DROP TABLE IF EXISTS mdf_categories;
            DROP TABLE IF EXISTS nre_milestones;
            DROP TABLE IF EXISTS nre_agreements;
            """);
    }
}
