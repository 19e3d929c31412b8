using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Identity.Api.Data.Migrations;

/// <summary>
/// Customers' consent records (refusing updates and deletes), partners' ecosystem managers with
/// their history, and personal accounts' certificates with the departures that end their sharing.
/// </summary>
[DbContext(typeof(IdentityDbContext))]
[Migration("20261206092000_ConsentEcosystemManagersCertificates")]
public sealed class ConsentEcosystemManagersCertificates : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            """
            CREATE TABLE customer_consents (
                id uuid NOT NULL,
                customer_id uuid NOT NULL,
                account_id uuid NOT NULL,
                partner_id uuid NOT NULL,
                invitation_id uuid NOT NULL,
                accepted_at timestamp with time zone NOT NULL,
                client_ip character varying(64),
                user_agent character varying(512),
                transferred_data text[] NOT NULL,
                CONSTRAINT pk_customer_consents PRIMARY KEY (id)
            );
            CREATE TABLE customer_consent_documents (
                consent_id uuid NOT NULL,
                kind character varying(32) NOT NULL,
                version character varying(64) NOT NULL,
                effective_from timestamp with time zone NOT NULL,
                CONSTRAINT pk_customer_consent_documents PRIMARY KEY (consent_id, kind),
                CONSTRAINT fk_customer_consent_documents_customer_consents_consent_id FOREIGN KEY (consent_id) REFERENCES customer_consents (id) ON DELETE RESTRICT
            );
            CREATE INDEX ix_customer_consents_customer_id_accepted_at ON customer_consents (customer_id, accepted_at);

            CREATE FUNCTION refuse_consent_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'consent records are immutable (% on %)', TG_OP, TG_TABLE_NAME USING ERRCODE = 'raise_exception';
            END;
            $$;
            CREATE TRIGGER customer_consents_immutable BEFORE UPDATE OR DELETE ON customer_consents
                FOR EACH ROW EXECUTE FUNCTION refuse_consent_change();
            CREATE TRIGGER customer_consent_documents_immutable BEFORE UPDATE OR DELETE ON customer_consent_documents
                FOR EACH ROW EXECUTE FUNCTION refuse_consent_change();

            CREATE TABLE partner_ecosystem_managers (
                id uuid NOT NULL,
                partner_id uuid NOT NULL,
                staff_account_id uuid NOT NULL,
                display_name character varying(64) NOT NULL,
                email character varying(254) NOT NULL,
                mobile_phone character varying(32),
                assigned_at timestamp with time zone NOT NULL,
                assigned_by uuid NOT NULL,
                ended_at timestamp with time zone,
                ended_by uuid,
                CONSTRAINT pk_partner_ecosystem_managers PRIMARY KEY (id)
            );
            CREATE INDEX ix_partner_ecosystem_managers_partner_id_assigned_at ON partner_ecosystem_managers (partner_id, assigned_at);
            CREATE UNIQUE INDEX ux_partner_ecosystem_managers_current ON partner_ecosystem_managers (partner_id) WHERE ended_at IS NULL;

            CREATE TABLE member_certificates (
                id uuid NOT NULL,
                account_id uuid NOT NULL,
                level character varying(32) NOT NULL,
                track character varying(64) NOT NULL,
                number character varying(64) NOT NULL,
                issued_on date NOT NULL,
                expires_on date NOT NULL,
                created_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_member_certificates PRIMARY KEY (id)
            );
            CREATE INDEX ix_member_certificates_expires_on ON member_certificates (expires_on);
            CREATE UNIQUE INDEX ux_member_certificates_account_number ON member_certificates (account_id, number);
            CREATE TABLE member_departures (
                invitation_id uuid NOT NULL,
                account_id uuid NOT NULL,
                partner_id uuid NOT NULL,
                left_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_member_departures PRIMARY KEY (invitation_id)
            );
            CREATE INDEX ix_member_departures_account_id_partner_id ON member_departures (account_id, partner_id);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            """
            DROP TABLE member_departures;
            DROP TABLE member_certificates;
            DROP TABLE partner_ecosystem_managers;
            DROP TABLE customer_consent_documents;
            DROP TABLE customer_consents;
            DROP FUNCTION refuse_consent_change();
            """);
    }
}
