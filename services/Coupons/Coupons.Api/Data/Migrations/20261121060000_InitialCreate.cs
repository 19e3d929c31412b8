using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coupons.Api.Data.Migrations;

/// <summary>
/// Quotas and their movements, coupons with ledger and redemptions, the operation log, whitelists,
/// role test vouchers, the read models kept from identity and resellers events, outbox and inbox.
/// The SQL was generated once from the model (<c>GenerateCreateScript</c>); the schema test keeps
/// the two in step.
/// </summary>
[DbContext(typeof(CouponsDbContext))]
[Migration("20261121060000_InitialCreate")]
public sealed class InitialCreate : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            """
            CREATE TABLE coupon_ledger_entries (
                id bigint GENERATED ALWAYS AS IDENTITY,
                coupon_id uuid NOT NULL,
                kind character varying(32) NOT NULL,
                amount numeric(18,2) NOT NULL,
                balance_after numeric(18,2) NOT NULL,
                order_id character varying(64),
                occurred_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_coupon_ledger_entries PRIMARY KEY (id)
            );
            CREATE TABLE coupons (
                id uuid NOT NULL,
                coupon_type character varying(32) NOT NULL,
                source character varying(32) NOT NULL,
                quota_id uuid,
                issuer_partner_id uuid,
                indirect_partner_id uuid,
                customer_id uuid NOT NULL,
                face_value numeric(18,2) NOT NULL,
                balance numeric(18,2) NOT NULL,
                currency character varying(3) NOT NULL,
                status character varying(32) NOT NULL,
                valid_from timestamp with time zone NOT NULL,
                expires_at timestamp with time zone NOT NULL,
                cloud_service_types text[] NOT NULL,
                product_ids text[] NOT NULL,
                billing_modes text[] NOT NULL,
                regions text[] NOT NULL,
                min_order_amount numeric(18,2),
                max_order_share numeric(3,2),
                issued_by character varying(64),
                remark character varying(256),
                issued_at timestamp with time zone NOT NULL,
                updated_at timestamp with time zone NOT NULL,
                closed_at timestamp with time zone,
                CONSTRAINT pk_coupons PRIMARY KEY (id),
                CONSTRAINT ck_coupons_balance CHECK (balance >= 0 AND balance <= face_value)
            );
            CREATE TABLE customer_associations (
                customer_id uuid NOT NULL,
                partner_id uuid NOT NULL,
                indirect_partner_id uuid,
                owner_partner_id uuid NOT NULL,
                association_type character varying(16) NOT NULL,
                active boolean NOT NULL,
                last_event_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_customer_associations PRIMARY KEY (customer_id)
            );
            CREATE TABLE inbox_messages (
                message_id uuid NOT NULL,
                consumer character varying(300) NOT NULL,
                processed_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_inbox_messages PRIMARY KEY (message_id, consumer)
            );
            CREATE TABLE operation_records (
                id bigint GENERATED ALWAYS AS IDENTITY,
                partner_id uuid NOT NULL,
                operation_type character varying(32) NOT NULL,
                operator_kind character varying(32) NOT NULL,
                operator_id character varying(64),
                quota_id uuid,
                coupon_id uuid,
                customer_id uuid,
                counterpart_partner_id uuid,
                amount numeric(18,2),
                currency character varying(3),
                remark character varying(256),
                occurred_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_operation_records PRIMARY KEY (id)
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
            CREATE TABLE partner_path_stages (
                partner_id uuid NOT NULL,
                stage character varying(32) NOT NULL,
                last_event_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_partner_path_stages PRIMARY KEY (partner_id)
            );
            CREATE TABLE partner_programmes (
                partner_id uuid NOT NULL,
                programme character varying(32) NOT NULL,
                active boolean NOT NULL,
                expires_at timestamp with time zone,
                last_event_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_partner_programmes PRIMARY KEY (partner_id, programme)
            );
            CREATE TABLE quota_movements (
                id bigint GENERATED ALWAYS AS IDENTITY,
                quota_id uuid NOT NULL,
                kind character varying(32) NOT NULL,
                amount numeric(18,2) NOT NULL,
                coupon_id uuid,
                related_quota_id uuid,
                occurred_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_quota_movements PRIMARY KEY (id)
            );
            CREATE TABLE quotas (
                id uuid NOT NULL,
                partner_id uuid NOT NULL,
                quota_type character varying(32) NOT NULL,
                currency character varying(3) NOT NULL,
                total_amount numeric(18,2) NOT NULL,
                remaining_amount numeric(18,2) NOT NULL,
                valid_from timestamp with time zone NOT NULL,
                expires_at timestamp with time zone NOT NULL,
                status character varying(32) NOT NULL,
                cloud_service_types text[] NOT NULL,
                product_ids text[] NOT NULL,
                billing_modes text[] NOT NULL,
                regions text[] NOT NULL,
                min_order_amount numeric(18,2),
                max_order_share numeric(3,2),
                distributor_partner_id uuid,
                source_quota_id uuid,
                granted_by character varying(64),
                remark character varying(256),
                created_at timestamp with time zone NOT NULL,
                updated_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_quotas PRIMARY KEY (id),
                CONSTRAINT ck_quotas_remaining_amount CHECK (remaining_amount >= 0),
                CONSTRAINT ck_quotas_validity CHECK (expires_at > valid_from)
            );
            CREATE TABLE redemptions (
                id uuid NOT NULL,
                order_id character varying(64) NOT NULL,
                coupon_id uuid NOT NULL,
                order_amount numeric(18,2) NOT NULL,
                deducted_amount numeric(18,2) NOT NULL,
                balance_after numeric(18,2) NOT NULL,
                currency character varying(3) NOT NULL,
                coupon_status_after character varying(32) NOT NULL,
                redeemed_by character varying(64),
                redeemed_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_redemptions PRIMARY KEY (id)
            );
            CREATE TABLE reseller_links (
                link_id uuid NOT NULL,
                distributor_partner_id uuid NOT NULL,
                reseller_partner_id uuid NOT NULL,
                status character varying(16) NOT NULL,
                last_event_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_reseller_links PRIMARY KEY (link_id)
            );
            CREATE TABLE test_voucher_grants (
                partner_id uuid NOT NULL,
                role character varying(64) NOT NULL,
                coupon_id uuid NOT NULL,
                requested_by character varying(64),
                granted_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_test_voucher_grants PRIMARY KEY (partner_id, role)
            );
            CREATE TABLE whitelist_entries (
                partner_id uuid NOT NULL,
                version integer NOT NULL,
                customer_id uuid NOT NULL,
                CONSTRAINT pk_whitelist_entries PRIMARY KEY (partner_id, version, customer_id)
            );
            CREATE TABLE whitelist_versions (
                partner_id uuid NOT NULL,
                version integer NOT NULL,
                customer_count integer NOT NULL,
                imported_by character varying(64),
                remark character varying(256),
                imported_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_whitelist_versions PRIMARY KEY (partner_id, version)
            );
            CREATE TABLE whitelists (
                partner_id uuid NOT NULL,
                version integer NOT NULL,
                customer_count integer NOT NULL,
                updated_at timestamp with time zone NOT NULL,
                updated_by character varying(64),
                CONSTRAINT pk_whitelists PRIMARY KEY (partner_id)
            );
            CREATE INDEX ix_coupon_ledger_entries_coupon_id ON coupon_ledger_entries (coupon_id);
            CREATE INDEX ix_coupons_customer_id_issued_at ON coupons (customer_id, issued_at);
            CREATE INDEX ix_coupons_expires_at ON coupons (expires_at) WHERE status = 'available';
            CREATE INDEX ix_coupons_issuer_partner_id_issued_at ON coupons (issuer_partner_id, issued_at);
            CREATE INDEX ix_coupons_quota_id ON coupons (quota_id);
            CREATE INDEX ix_customer_associations_owner_partner_id ON customer_associations (owner_partner_id);
            CREATE INDEX ix_inbox_messages_processed_at ON inbox_messages (processed_at);
            CREATE INDEX ix_operation_records_partner_id_id ON operation_records (partner_id, id);
            CREATE INDEX ix_outbox_messages_sent_at ON outbox_messages (sent_at) WHERE sent_at IS NOT NULL;
            CREATE INDEX ix_outbox_messages_unsent ON outbox_messages (id) WHERE sent_at IS NULL;
            CREATE INDEX ix_quota_movements_quota_id ON quota_movements (quota_id);
            CREATE INDEX ix_quotas_distributor_partner_id_partner_id ON quotas (distributor_partner_id, partner_id);
            CREATE INDEX ix_quotas_expires_at ON quotas (expires_at) WHERE status <> 'invalid';
            CREATE INDEX ix_quotas_partner_id_created_at ON quotas (partner_id, created_at);
            CREATE INDEX ix_quotas_source_quota_id ON quotas (source_quota_id);
            CREATE INDEX ix_redemptions_coupon_id ON redemptions (coupon_id);
            CREATE UNIQUE INDEX ix_redemptions_order_id ON redemptions (order_id);
            CREATE INDEX ix_reseller_links_distributor_partner_id_reseller_partner_id ON reseller_links (distributor_partner_id, reseller_partner_id);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            """
            DROP TABLE whitelists;
            DROP TABLE whitelist_versions;
            DROP TABLE whitelist_entries;
            DROP TABLE test_voucher_grants;
            DROP TABLE reseller_links;
            DROP TABLE redemptions;
            DROP TABLE quotas;
            DROP TABLE quota_movements;
            DROP TABLE partner_programmes;
            DROP TABLE partner_path_stages;
            DROP TABLE outbox_messages;
            DROP TABLE operation_records;
            DROP TABLE inbox_messages;
            DROP TABLE customer_associations;
            DROP TABLE coupons;
            DROP TABLE coupon_ledger_entries;
            """);
    }
}
