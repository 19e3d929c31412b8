using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Testing;
using SubscriptionFiles.Api.Data;

namespace SubscriptionFiles.Tests;

/// <summary>The migration builds exactly the schema the model describes (ADR 0010).</summary>
public sealed class SchemaTests : MigrationsMatchModelTests<SubscriptionFilesDbContext>
{
    protected override IReadOnlyList<string> ExpectedFragments { get; } =
        ["ix_deliveries_partner_id_content_period_start", "column bucket_claims.partner_id uuid"];

    protected override SubscriptionFilesDbContext Create(DbContextOptions<SubscriptionFilesDbContext> options) => new(options);
}
