using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Resellers.Api.Data.Migrations;

/// <summary>Moves the improvement plan file out of <c>scorecards</c> into a table of its own, so scorecard lists never read files.</summary>
[DbContext(typeof(ResellersDbContext))]
[Migration("20261121120000_ImprovementPlanDocuments")]
public sealed class ImprovementPlanDocuments : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            """
            CREATE TABLE improvement_plan_documents (
                scorecard_id uuid NOT NULL,
                file_name character varying(200) NOT NULL,
                content_type character varying(100) NOT NULL,
                content bytea NOT NULL,
                uploaded_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_improvement_plan_documents PRIMARY KEY (scorecard_id),
                CONSTRAINT fk_improvement_plan_documents_scorecards_scorecard_id FOREIGN KEY (scorecard_id) REFERENCES scorecards (id) ON DELETE CASCADE
            );
            INSERT INTO improvement_plan_documents (scorecard_id, file_name, content_type, content, uploaded_at)
            SELECT id, plan_file_name, plan_content_type, plan_content, coalesce(plan_submitted_at, updated_at)
            FROM scorecards
            WHERE plan_content IS NOT NULL;
            ALTER TABLE scorecards DROP COLUMN plan_content, DROP COLUMN plan_content_type;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            """
            ALTER TABLE scorecards ADD COLUMN plan_content_type character varying(100), ADD COLUMN plan_content bytea;
            UPDATE scorecards s SET plan_content_type = d.content_type, plan_content = d.content
            FROM improvement_plan_documents d WHERE d.scorecard_id = s.id;
            DROP TABLE improvement_plan_documents;
            """);
    }
}
