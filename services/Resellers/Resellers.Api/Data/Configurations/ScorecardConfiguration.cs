using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Resellers.Api.Domain;

namespace Resellers.Api.Data.Configurations;

internal sealed class ScorecardConfiguration : IEntityTypeConfiguration<Scorecard>
{
    public void Configure(EntityTypeBuilder<Scorecard> scorecard)
    {
        scorecard.ToTable("scorecards");
        scorecard.HasKey(s => s.Id);
        scorecard.Property(s => s.Id).ValueGeneratedNever();
        scorecard.Property(s => s.Period).HasMaxLength(7);
        scorecard.Property(s => s.PlanFileName).HasMaxLength(200);
        scorecard.Property(s => s.PlanReviewNote).HasMaxLength(500);
        scorecard.Property(s => s.Version).IsRowVersion().HasColumnName("xmin");
        scorecard.HasIndex(s => new { s.ResellerPartnerId, s.Period }).IsUnique();
        scorecard.HasIndex(s => new { s.DistributorPartnerId, s.Period });
    }
}

internal sealed class ImprovementPlanDocumentConfiguration : IEntityTypeConfiguration<ImprovementPlanDocument>
{
    public void Configure(EntityTypeBuilder<ImprovementPlanDocument> document)
    {
        document.ToTable("improvement_plan_documents");
        document.HasKey(d => d.ScorecardId);
        document.Property(d => d.FileName).HasMaxLength(200);
        document.Property(d => d.ContentType).HasMaxLength(100);
        document.HasOne<Scorecard>().WithOne().HasForeignKey<ImprovementPlanDocument>(d => d.ScorecardId).OnDelete(DeleteBehavior.Cascade);
    }
}
