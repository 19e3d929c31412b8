using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Identity.Api.Data.Migrations;

/// <summary>Customers, their associations with partners, and the reseller links known from resellers-api.</summary>
[DbContext(typeof(IdentityDbContext))]
[Migration("20261121030500_Customers")]
public sealed class Customers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            """
            CREATE TABLE associations (
                id uuid NOT NULL,
                customer_id uuid NOT NULL,
                partner_id uuid NOT NULL,
                distributor_id uuid,
                type character varying(32) NOT NULL,
                source character varying(32) NOT NULL,
                invited_by uuid,
                associated_at timestamp with time zone NOT NULL,
                account_manager_id uuid,
                ended_at timestamp with time zone,
                ended_by character varying(32),
                CONSTRAINT pk_associations PRIMARY KEY (id)
            );
            CREATE TABLE customers (
                id uuid NOT NULL,
                account_name character varying(32) NOT NULL,
                display_name character varying(200),
                email character varying(254),
                mobile_phone character varying(32),
                created_by_partner_id uuid,
                x_account_id character varying(128),
                x_account_type character varying(64),
                request_hash character varying(64),
                indirect_partner_id uuid,
                association_status character varying(32) NOT NULL,
                association_failure character varying(64),
                created_at timestamp with time zone NOT NULL,
                created_by uuid,
                CONSTRAINT pk_customers PRIMARY KEY (id)
            );
            CREATE TABLE reseller_links (
                link_id uuid NOT NULL,
                distributor_id uuid NOT NULL,
                reseller_id uuid NOT NULL,
                status character varying(32) NOT NULL,
                changed_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_reseller_links PRIMARY KEY (link_id)
            );
            CREATE INDEX ix_associations_distributor_id ON associations (distributor_id) WHERE ended_at IS NULL AND distributor_id IS NOT NULL;
            CREATE INDEX ix_associations_partner_id_associated_at ON associations (partner_id, associated_at) WHERE ended_at IS NULL;
            CREATE UNIQUE INDEX ux_associations_open_customer ON associations (customer_id) WHERE ended_at IS NULL;
            CREATE UNIQUE INDEX ix_customers_account_name ON customers (account_name);
            CREATE UNIQUE INDEX ix_customers_created_by_partner_id_x_account_id ON customers (created_by_partner_id, x_account_id) WHERE x_account_id IS NOT NULL;
            CREATE INDEX ix_customers_email ON customers (email);
            CREATE INDEX ix_customers_mobile_phone ON customers (mobile_phone);
            CREATE INDEX ix_reseller_links_distributor_id_reseller_id ON reseller_links (distributor_id, reseller_id);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TABLE reseller_links, associations, customers;");
    }
}
