using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Opportunities.Api.Domain;

namespace Opportunities.Api.Data.Configurations;

internal sealed class OpportunityConfiguration : IEntityTypeConfiguration<Opportunity>
{
    public void Configure(EntityTypeBuilder<Opportunity> po)
    {
        po.ToTable("opportunities");
        po.Property(o => o.Id).ValueGeneratedNever();
        po.Property(o => o.BudgetCurrency).HasMaxLength(3);
        po.Property(o => o.RevenueCurrency).HasMaxLength(3);
        po.Property(o => o.DecisionMakerName).HasMaxLength(100);
        po.Property(o => o.DecisionMakerTitle).HasMaxLength(100);
        po.Property(o => o.NeedDescription).HasMaxLength(2000);
        po.Property(o => o.ProjectTimeline).HasMaxLength(500);
        po.Property(o => o.CustomerName).HasMaxLength(200);
        po.Property(o => o.CustomerIndustry).HasMaxLength(100);
        po.Property(o => o.CustomerProvince).HasMaxLength(64);
        po.Property(o => o.CustomerCity).HasMaxLength(64);
        po.Property(o => o.ContactName).HasMaxLength(100);
        po.Property(o => o.ContactPhone).HasMaxLength(32);
        po.Property(o => o.ContactEmail).HasMaxLength(200);
        po.Property(o => o.ConsentConfirmedBy).HasMaxLength(100);
        po.Property(o => o.ConsentMethod).HasMaxLength(100);
        po.Property(o => o.RoutedTo).HasMaxLength(80);
        po.Property(o => o.PsmRegion).HasMaxLength(32);
        po.Property(o => o.ReviewedBy).HasMaxLength(64);
        po.Property(o => o.CreatedBy).HasMaxLength(64);
        po.Property(o => o.EditableParts).HasConversion(
            parts => parts.Select(SnakeCaseEnumConverter<OpportunityPart>.NameOf).ToArray(),
            names => names.Select(SnakeCaseEnumConverter<OpportunityPart>.ValueOf).ToArray(),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<OpportunityPart[]>(
                (a, b) => a!.SequenceEqual(b!), a => a.Aggregate(0, (h, p) => HashCode.Combine(h, p)), a => a.ToArray()));
        po.Property(o => o.Version).IsRowVersion().HasColumnName("xmin");
        po.HasIndex(o => new { o.PartnerId, o.CreatedAt });

        // The dashboard's window (index-only with what it groups and sums) and the partner's list filtered by status.
        po.HasIndex(o => new { o.PartnerId, o.SubmittedAt }).IncludeProperties(o => new { o.Status, o.Stage, o.RevenueCurrency, o.ExpectedRevenue });
        po.HasIndex(o => new { o.PartnerId, o.Status, o.CreatedAt });
        po.HasIndex(o => new { o.RoutedTo, o.ValidateBy }).HasFilter("status = 'submitted'");
        po.HasIndex(o => o.ValidateBy).HasFilter("status = 'submitted'");
    }
}

internal sealed class HistoryEntryConfiguration : IEntityTypeConfiguration<HistoryEntry>
{
    public void Configure(EntityTypeBuilder<HistoryEntry> entry)
    {
        entry.ToTable("history_entries");
        entry.Property(e => e.Id).UseIdentityAlwaysColumn();
        entry.Property(e => e.Note).HasMaxLength(1000);
        entry.Property(e => e.AuthorId).HasMaxLength(64);
        entry.HasIndex(e => new { e.SubjectId, e.Id });
    }
}
