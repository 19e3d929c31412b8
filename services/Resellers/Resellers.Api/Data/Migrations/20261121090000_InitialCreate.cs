using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PartnerPlatform.Messaging;

namespace Resellers.Api.Data.Migrations;

/// <summary>
/// Links, account manager history, scorecards, marketplace orders, join facts, the read model of
/// identity's events, outbox and inbox. The SQL was generated once from the model
/// (<c>GenerateCreateScript</c>); the schema test keeps model and migrations equal.
/// </summary>
[DbContext(typeof(ResellersDbContext))]
[Migration("20261121090000_InitialCreate")]
public sealed class InitialCreate : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            """
            CREATE TABLE account_manager_assignments (
                id uuid NOT NULL,
                link_id uuid NOT NULL,
                distributor_partner_id uuid NOT NULL,
                reseller_partner_id uuid NOT NULL,
                member_id uuid NOT NULL,
                assigned_by uuid NOT NULL,
                assigned_at timestamp with time zone NOT NULL,
                ended_at timestamp with time zone,
                CONSTRAINT pk_account_manager_assignments PRIMARY KEY (id)
            );
            CREATE TABLE join_facts (
                partner_id uuid NOT NULL,
                has_arrears boolean NOT NULL,
                has_credit_account boolean NOT NULL,
                is_frozen boolean NOT NULL,
                is_associated_customer boolean NOT NULL,
                note character varying(500),
                recorded_by uuid NOT NULL,
                recorded_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_join_facts PRIMARY KEY (partner_id)
            );
            CREATE TABLE known_coupon_redemptions (
                id uuid NOT NULL,
                reseller_partner_id uuid NOT NULL,
                coupon_id uuid NOT NULL,
                order_id character varying(128) NOT NULL,
                deducted_amount numeric(18,2) NOT NULL,
                redeemed_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_known_coupon_redemptions PRIMARY KEY (id)
            );
            CREATE TABLE known_customer_associations (
                id uuid NOT NULL,
                customer_id uuid NOT NULL,
                owner_partner_id uuid NOT NULL,
                associated_at timestamp with time zone NOT NULL,
                disassociated_at timestamp with time zone,
                CONSTRAINT pk_known_customer_associations PRIMARY KEY (id)
            );
            CREATE TABLE known_partners (
                id uuid NOT NULL,
                company_name character varying(200) NOT NULL,
                region character varying(32) NOT NULL,
                registered_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_known_partners PRIMARY KEY (id)
            );
            CREATE TABLE known_programmes (
                partner_id uuid NOT NULL,
                programme character varying(32) NOT NULL,
                joined_at timestamp with time zone,
                expires_at timestamp with time zone,
                expired_at timestamp with time zone,
                changed_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_known_programmes PRIMARY KEY (partner_id, programme)
            );
            CREATE TABLE marketplace_orders (
                order_id character varying(64) NOT NULL,
                customer_id uuid NOT NULL,
                product_name character varying(200) NOT NULL,
                reseller_partner_id uuid,
                catalogue_price numeric(18,2) NOT NULL,
                floor_price numeric(18,2) NOT NULL,
                price numeric(18,2) NOT NULL,
                currency character varying(3) NOT NULL,
                ordered_at timestamp with time zone NOT NULL,
                recorded_at timestamp with time zone NOT NULL,
                recorded_by uuid NOT NULL,
                updated_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_marketplace_orders PRIMARY KEY (order_id)
            );
            CREATE TABLE price_adjustments (
                id uuid NOT NULL,
                order_id character varying(64) NOT NULL,
                reseller_partner_id uuid NOT NULL,
                previous_price numeric(18,2) NOT NULL,
                new_price numeric(18,2) NOT NULL,
                reason character varying(500),
                adjusted_by uuid NOT NULL,
                adjusted_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_price_adjustments PRIMARY KEY (id)
            );
            CREATE TABLE reseller_links (
                id uuid NOT NULL,
                distributor_partner_id uuid NOT NULL,
                reseller_partner_id uuid NOT NULL,
                origin character varying(32) NOT NULL,
                state character varying(32) NOT NULL,
                created_at timestamp with time zone NOT NULL,
                created_by uuid NOT NULL,
                invitation_expires_at timestamp with time zone,
                vendor_reviewed_at timestamp with time zone,
                activated_at timestamp with time zone,
                ended_at timestamp with time zone,
                reason character varying(500),
                account_manager_member_id uuid,
                account_manager_assigned_at timestamp with time zone,
                updated_at timestamp with time zone NOT NULL,
                updated_by uuid,
                CONSTRAINT pk_reseller_links PRIMARY KEY (id)
            );
            CREATE TABLE scorecards (
                id uuid NOT NULL,
                reseller_partner_id uuid NOT NULL,
                distributor_partner_id uuid NOT NULL,
                period character varying(7) NOT NULL,
                new_customers integer NOT NULL,
                coupon_redemptions integer NOT NULL,
                opportunities_won integer NOT NULL,
                target_new_customers integer NOT NULL,
                target_coupon_redemptions integer NOT NULL,
                target_opportunities_won integer NOT NULL,
                passed boolean NOT NULL,
                published_at timestamp with time zone NOT NULL,
                published_by uuid NOT NULL,
                plan_state character varying(32) NOT NULL,
                plan_file_name character varying(200),
                plan_content_type character varying(100),
                plan_content bytea,
                handling_option character varying(32),
                plan_submitted_at timestamp with time zone,
                plan_reviewed_at timestamp with time zone,
                plan_reviewed_by uuid,
                plan_review_note character varying(500),
                updated_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_scorecards PRIMARY KEY (id)
            );
            CREATE INDEX ix_account_manager_assignments_link_id_assigned_at ON account_manager_assignments (link_id, assigned_at);
            CREATE INDEX ix_known_coupon_redemptions_reseller_partner_id_redeemed_at ON known_coupon_redemptions (reseller_partner_id, redeemed_at);
            CREATE UNIQUE INDEX ix_known_customer_associations_customer_id ON known_customer_associations (customer_id) WHERE disassociated_at IS NULL;
            CREATE INDEX ix_known_customer_associations_owner_partner_id_associated_at ON known_customer_associations (owner_partner_id, associated_at);
            CREATE INDEX ix_marketplace_orders_reseller_partner_id_ordered_at ON marketplace_orders (reseller_partner_id, ordered_at);
            CREATE INDEX ix_price_adjustments_order_id_adjusted_at ON price_adjustments (order_id, adjusted_at);
            CREATE INDEX ix_reseller_links_distributor_partner_id_state ON reseller_links (distributor_partner_id, state);
            CREATE INDEX ix_reseller_links_invitation_expires_at ON reseller_links (invitation_expires_at) WHERE state = 'invited';
            CREATE UNIQUE INDEX ux_reseller_links_one_holding_link_per_reseller ON reseller_links (reseller_partner_id) WHERE state IN ('applied', 'vendor_approved', 'invited', 'active', 'suspended');
            CREATE INDEX ix_scorecards_distributor_partner_id_period ON scorecards (distributor_partner_id, period);
            CREATE UNIQUE INDEX ix_scorecards_reseller_partner_id_period ON scorecards (reseller_partner_id, period);
            """);
        migrationBuilder.CreateOutboxTable();
        migrationBuilder.CreateInboxTable();
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            """
            DROP TABLE account_manager_assignments, join_facts, known_coupon_redemptions, known_customer_associations,
                known_partners, known_programmes, marketplace_orders, price_adjustments, reseller_links, scorecards,
                outbox_messages, inbox_messages;
            """);
    }
}
