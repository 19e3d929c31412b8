using Incentives.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incentives.Api.Data.Configurations;

internal sealed class StatementLineConfiguration : IEntityTypeConfiguration<StatementLine>
{
    public void Configure(EntityTypeBuilder<StatementLine> line)
    {
        line.ToTable("statement_lines");
        line.Property(l => l.Id).ValueGeneratedNever();
        line.Property(l => l.Currency).HasMaxLength(3);
        line.Property(l => l.IncentiveKind).HasMaxLength(64);
        line.Property(l => l.Metric).HasMaxLength(64);
        line.Property(l => l.MetricValue).HasColumnType("numeric(20,4)");
        line.Property(l => l.Formula).HasMaxLength(1000);
        line.Property(l => l.Feedback).HasMaxLength(2000);
        line.Property(l => l.Sources).HasColumnType("text[]");
        line.Property(l => l.NettingTrail).HasColumnType("text[]");
        line.Ignore(l => l.IsOpenNegative);
        line.HasIndex(l => new { l.PartnerId, l.Period });
        line.HasIndex(l => l.ConfirmBy).HasFilter("status = 'pending_confirmation' AND feedback_at IS NULL");
    }
}
