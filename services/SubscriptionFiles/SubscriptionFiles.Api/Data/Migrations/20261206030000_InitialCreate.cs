using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SubscriptionFiles.Api.Data.Migrations;

/// <summary>
/// Subscriptions, bucket claims, deliveries, exports, the read models kept from other services'
/// events, outbox and inbox. The SQL was generated once from the model (<c>GenerateCreateScript</c>);
/// the schema test keeps the two in step.
/// </summary>
[DbContext(typeof(SubscriptionFilesDbContext))]
[Migration("20261206030000_InitialCreate")]
public sealed class InitialCreate : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            """
            CREATE TABLE bucket_claims (
                bucket_key character varying(80) NOT NULL,
                partner_id uuid NOT NULL,
                claimed_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_bucket_claims PRIMARY KEY (bucket_key)
            );
            CREATE TABLE consumption_records (
                record_id uuid NOT NULL,
                partner_id uuid NOT NULL,
                customer_id uuid NOT NULL,
                account_manager_id uuid,
                product_code character varying(64) NOT NULL,
                region character varying(32) NOT NULL,
                consumed_on date NOT NULL,
                amount numeric(18,2) NOT NULL,
                currency character varying(3) NOT NULL,
                recorded_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_consumption_records PRIMARY KEY (record_id)
            );
            CREATE TABLE coupon_operations (
                id bigint GENERATED ALWAYS AS IDENTITY,
                partner_id uuid NOT NULL,
                coupon_id uuid NOT NULL,
                customer_id uuid NOT NULL,
                operation character varying(16) NOT NULL,
                amount numeric(18,2) NOT NULL,
                currency character varying(3) NOT NULL,
                order_id character varying(64),
                occurred_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_coupon_operations PRIMARY KEY (id)
            );
            CREATE TABLE coupons (
                coupon_id uuid NOT NULL,
                partner_id uuid NOT NULL,
                indirect_partner_id uuid,
                customer_id uuid NOT NULL,
                coupon_type character varying(32) NOT NULL,
                face_value numeric(18,2) NOT NULL,
                balance numeric(18,2) NOT NULL,
                currency character varying(3) NOT NULL,
                status character varying(16) NOT NULL,
                valid_from timestamp with time zone NOT NULL,
                expires_at timestamp with time zone NOT NULL,
                issued_at timestamp with time zone NOT NULL,
                last_event_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_coupons PRIMARY KEY (coupon_id)
            );
            CREATE TABLE customer_tags (
                id bigint GENERATED ALWAYS AS IDENTITY,
                partner_id uuid NOT NULL,
                customer_id uuid NOT NULL,
                tag character varying(64) NOT NULL,
                tagged_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_customer_tags PRIMARY KEY (id)
            );
            CREATE TABLE customers (
                customer_id uuid NOT NULL,
                partner_id uuid NOT NULL,
                indirect_partner_id uuid,
                account_name character varying(128),
                association_type character varying(16),
                associated boolean NOT NULL,
                account_manager_id uuid,
                associated_at timestamp with time zone,
                last_event_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_customers PRIMARY KEY (customer_id)
            );
            CREATE TABLE deliveries (
                id uuid NOT NULL,
                subscription_id uuid NOT NULL,
                partner_id uuid NOT NULL,
                content character varying(48) NOT NULL,
                period_start timestamp with time zone NOT NULL,
                period_end timestamp with time zone NOT NULL,
                period character varying(32) NOT NULL,
                deliver_by timestamp with time zone NOT NULL,
                status character varying(16) NOT NULL,
                next_attempt_at timestamp with time zone,
                failed_attempts integer NOT NULL,
                runs integer NOT NULL,
                file_count integer NOT NULL,
                row_count bigint NOT NULL,
                manifest_key character varying(512),
                manifest text,
                last_error character varying(1024),
                delivered_at timestamp with time zone,
                created_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_deliveries PRIMARY KEY (id)
            );
            CREATE TABLE exports (
                id uuid NOT NULL,
                partner_id uuid NOT NULL,
                list character varying(32) NOT NULL,
                status character varying(16) NOT NULL,
                row_count bigint NOT NULL,
                requested_at timestamp with time zone NOT NULL,
                requested_by character varying(64),
                completed_at timestamp with time zone,
                expires_at timestamp with time zone,
                file_name character varying(128),
                error character varying(1024),
                CONSTRAINT pk_exports PRIMARY KEY (id)
            );
            CREATE TABLE inbox_messages (
                message_id uuid NOT NULL,
                consumer character varying(300) NOT NULL,
                processed_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_inbox_messages PRIMARY KEY (message_id, consumer)
            );
            CREATE TABLE incentive_estimates (
                statement_line_id uuid NOT NULL,
                partner_id uuid NOT NULL,
                period character varying(16) NOT NULL,
                incentive_kind character varying(32) NOT NULL,
                amount numeric(18,2) NOT NULL,
                currency character varying(3) NOT NULL,
                estimated_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_incentive_estimates PRIMARY KEY (statement_line_id)
            );
            CREATE TABLE incentive_metrics (
                id bigint GENERATED ALWAYS AS IDENTITY,
                statement_line_id uuid NOT NULL,
                metric character varying(64) NOT NULL,
                partner_id uuid NOT NULL,
                period character varying(16) NOT NULL,
                incentive_kind character varying(32) NOT NULL,
                value numeric(20,4) NOT NULL,
                formula character varying(256) NOT NULL,
                published_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_incentive_metrics PRIMARY KEY (id)
            );
            CREATE TABLE opportunities (
                opportunity_id uuid NOT NULL,
                partner_id uuid NOT NULL,
                customer_name character varying(128) NOT NULL,
                customer_industry character varying(64) NOT NULL,
                customer_region character varying(64) NOT NULL,
                expected_revenue numeric(18,2) NOT NULL,
                currency character varying(3) NOT NULL,
                expected_order_date date NOT NULL,
                status character varying(16) NOT NULL,
                stage character varying(32),
                submitted_at timestamp with time zone NOT NULL,
                last_event_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_opportunities PRIMARY KEY (opportunity_id)
            );
            CREATE TABLE orders (
                order_id uuid NOT NULL,
                partner_id uuid NOT NULL,
                customer_id uuid NOT NULL,
                order_type character varying(32) NOT NULL,
                product_code character varying(64) NOT NULL,
                resource_id character varying(128) NOT NULL,
                region character varying(32) NOT NULL,
                amount numeric(18,2) NOT NULL,
                currency character varying(3) NOT NULL,
                ordered_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_orders PRIMARY KEY (order_id)
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
            CREATE TABLE performance_records (
                record_id uuid NOT NULL,
                partner_id uuid NOT NULL,
                period character varying(16) NOT NULL,
                metric character varying(64) NOT NULL,
                value numeric(20,4) NOT NULL,
                currency character varying(3) NOT NULL,
                recorded_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_performance_records PRIMARY KEY (record_id)
            );
            CREATE TABLE reseller_links (
                link_id uuid NOT NULL,
                distributor_partner_id uuid NOT NULL,
                reseller_partner_id uuid NOT NULL,
                status character varying(16) NOT NULL,
                linked_at timestamp with time zone NOT NULL,
                last_event_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_reseller_links PRIMARY KEY (link_id)
            );
            CREATE TABLE subscriptions (
                id uuid NOT NULL,
                partner_id uuid NOT NULL,
                bucket_kind character varying(16) NOT NULL,
                bucket_name character varying(63) NOT NULL,
                bucket_prefix character varying(256) NOT NULL,
                created_at timestamp with time zone NOT NULL,
                created_by character varying(64),
                CONSTRAINT pk_subscriptions PRIMARY KEY (id)
            );
            CREATE TABLE subscription_contents (
                partner_id uuid NOT NULL,
                content character varying(48) NOT NULL,
                subscription_id uuid NOT NULL,
                cadence character varying(16) NOT NULL,
                CONSTRAINT pk_subscription_contents PRIMARY KEY (partner_id, content),
                CONSTRAINT fk_subscription_contents_subscriptions_subscription_id FOREIGN KEY (subscription_id) REFERENCES subscriptions (id) ON DELETE CASCADE
            );
            CREATE INDEX ix_consumption_records_partner_id_recorded_at ON consumption_records (partner_id, recorded_at);
            CREATE INDEX ix_coupon_operations_partner_id_id ON coupon_operations (partner_id, id);
            CREATE INDEX ix_coupons_partner_id_coupon_id ON coupons (partner_id, coupon_id);
            CREATE UNIQUE INDEX ix_customer_tags_customer_id_tag ON customer_tags (customer_id, tag);
            CREATE INDEX ix_customer_tags_partner_id_id ON customer_tags (partner_id, id);
            CREATE INDEX ix_customers_partner_id_customer_id ON customers (partner_id, customer_id);
            CREATE INDEX ix_deliveries_next_attempt_at ON deliveries (next_attempt_at) WHERE status IN ('pending', 'retrying');
            CREATE UNIQUE INDEX ix_deliveries_partner_id_content_period_start ON deliveries (partner_id, content, period_start);
            CREATE INDEX ix_deliveries_partner_id_created_at ON deliveries (partner_id, created_at);
            CREATE INDEX ix_exports_partner_id_requested_at ON exports (partner_id, requested_at);
            CREATE INDEX ix_exports_requested_at ON exports (requested_at) WHERE status = 'pending';
            CREATE INDEX ix_inbox_messages_processed_at ON inbox_messages (processed_at);
            CREATE INDEX ix_incentive_estimates_partner_id_statement_line_id ON incentive_estimates (partner_id, statement_line_id);
            CREATE INDEX ix_incentive_metrics_partner_id_id ON incentive_metrics (partner_id, id);
            CREATE UNIQUE INDEX ix_incentive_metrics_statement_line_id_metric ON incentive_metrics (statement_line_id, metric);
            CREATE INDEX ix_opportunities_partner_id_opportunity_id ON opportunities (partner_id, opportunity_id);
            CREATE INDEX ix_orders_partner_id_order_id ON orders (partner_id, order_id);
            CREATE INDEX ix_outbox_messages_sent_at ON outbox_messages (sent_at) WHERE sent_at IS NOT NULL;
            CREATE INDEX ix_outbox_messages_unsent ON outbox_messages (id) WHERE sent_at IS NULL;
            CREATE INDEX ix_performance_records_partner_id_recorded_at ON performance_records (partner_id, recorded_at);
            CREATE INDEX ix_reseller_links_distributor_partner_id_link_id ON reseller_links (distributor_partner_id, link_id);
            CREATE INDEX ix_subscription_contents_subscription_id ON subscription_contents (subscription_id);
            CREATE INDEX ix_subscriptions_partner_id_created_at ON subscriptions (partner_id, created_at);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TABLE bucket_claims, consumption_records, coupon_operations, coupons, customer_tags, customers, deliveries, exports, inbox_messages, incentive_estimates, incentive_metrics, opportunities, orders, outbox_messages, performance_records, reseller_links, subscriptions, subscription_contents;");
    }
}
