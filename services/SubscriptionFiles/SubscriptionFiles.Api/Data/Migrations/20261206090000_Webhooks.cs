using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SubscriptionFiles.Api.Data.Migrations;

/// <summary>Webhook endpoints, their deliveries and attempts, and the audit of their changes (ADR 0044).</summary>
[DbContext(typeof(SubscriptionFilesDbContext))]
[Migration("20261206090000_Webhooks")]
public sealed class Webhooks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            """
            CREATE TABLE webhook_audit_entries (
                id bigint GENERATED ALWAYS AS IDENTITY,
                partner_id uuid NOT NULL,
                endpoint_id uuid NOT NULL,
                action character varying(32) NOT NULL,
                actor character varying(64) NOT NULL,
                at timestamp with time zone NOT NULL,
                detail character varying(2048),
                CONSTRAINT pk_webhook_audit_entries PRIMARY KEY (id)
            );
            CREATE TABLE webhook_endpoints (
                id uuid NOT NULL,
                partner_id uuid NOT NULL,
                url character varying(2048) NOT NULL,
                description character varying(256),
                event_types text[] NOT NULL,
                enabled boolean NOT NULL,
                paused_at timestamp with time zone,
                paused_reason character varying(512),
                consecutive_failed_deliveries integer NOT NULL,
                secret character varying(64) NOT NULL,
                previous_secret character varying(64),
                previous_secret_expires_at timestamp with time zone,
                secret_rotated_at timestamp with time zone,
                created_at timestamp with time zone NOT NULL,
                created_by character varying(64),
                updated_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_webhook_endpoints PRIMARY KEY (id)
            );
            CREATE TABLE webhook_deliveries (
                id uuid NOT NULL,
                endpoint_id uuid NOT NULL,
                partner_id uuid NOT NULL,
                event_id uuid NOT NULL,
                event_type character varying(64) NOT NULL,
                body text NOT NULL,
                status character varying(16) NOT NULL,
                attempts integer NOT NULL,
                next_attempt_at timestamp with time zone NOT NULL,
                claim_token uuid,
                claimed_until timestamp with time zone,
                created_at timestamp with time zone NOT NULL,
                delivered_at timestamp with time zone,
                last_status_code integer,
                last_error character varying(1024),
                replay_of uuid,
                CONSTRAINT pk_webhook_deliveries PRIMARY KEY (id),
                CONSTRAINT fk_webhook_deliveries_webhook_endpoints_endpoint_id FOREIGN KEY (endpoint_id) REFERENCES webhook_endpoints (id) ON DELETE CASCADE
            );
            CREATE TABLE webhook_attempts (
                id bigint GENERATED ALWAYS AS IDENTITY,
                delivery_id uuid NOT NULL,
                partner_id uuid NOT NULL,
                number integer NOT NULL,
                attempted_at timestamp with time zone NOT NULL,
                status_code integer,
                duration_ms integer NOT NULL,
                succeeded boolean NOT NULL,
                response_excerpt character varying(2048),
                error character varying(1024),
                CONSTRAINT pk_webhook_attempts PRIMARY KEY (id),
                CONSTRAINT fk_webhook_attempts_webhook_deliveries_delivery_id FOREIGN KEY (delivery_id) REFERENCES webhook_deliveries (id) ON DELETE CASCADE
            );
            CREATE INDEX ix_webhook_attempts_delivery_id_number ON webhook_attempts (delivery_id, number);
            CREATE INDEX ix_webhook_audit_entries_partner_id_id ON webhook_audit_entries (partner_id, id);
            CREATE INDEX ix_webhook_deliveries_endpoint_id_created_at ON webhook_deliveries (endpoint_id, created_at);
            CREATE UNIQUE INDEX ix_webhook_deliveries_endpoint_id_event_id ON webhook_deliveries (endpoint_id, event_id) WHERE replay_of IS NULL;
            CREATE INDEX ix_webhook_deliveries_next_attempt_at ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
            CREATE INDEX ix_webhook_endpoints_partner_id_created_at ON webhook_endpoints (partner_id, created_at);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("DROP TABLE webhook_attempts; DROP TABLE webhook_deliveries; DROP TABLE webhook_endpoints; DROP TABLE webhook_audit_entries;");
}
