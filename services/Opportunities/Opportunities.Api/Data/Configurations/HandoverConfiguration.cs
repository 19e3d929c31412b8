using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Opportunities.Api.Domain;

namespace Opportunities.Api.Data.Configurations;

internal sealed class HandoverConfiguration : IEntityTypeConfiguration<Handover>
{
    public void Configure(EntityTypeBuilder<Handover> ho)
    {
        ho.ToTable("handovers");
        ho.Property(h => h.Id).ValueGeneratedNever();
        ho.Property(h => h.Title).HasMaxLength(200);
        ho.Property(h => h.Description).HasMaxLength(2000);
        ho.Property(h => h.SolutionType).HasMaxLength(64);
        ho.Property(h => h.Offering).HasMaxLength(100);
        ho.Property(h => h.CommitteeCase).HasMaxLength(64);
        ho.Property(h => h.CommitteeNote).HasMaxLength(500);
        ho.Property(h => h.CustomerName).HasMaxLength(200);
        ho.Property(h => h.CustomerIndustry).HasMaxLength(100);
        ho.Property(h => h.CustomerProvince).HasMaxLength(64);
        ho.Property(h => h.ContactName).HasMaxLength(100);
        ho.Property(h => h.ContactPhone).HasMaxLength(32);
        ho.Property(h => h.ContactEmail).HasMaxLength(200);
        ho.Property(h => h.Currency).HasMaxLength(3);
        ho.Property(h => h.RejectionReason).HasMaxLength(500);
        ho.Property(h => h.CreatedBy).HasMaxLength(64);
        ho.Property(h => h.Version).IsRowVersion().HasColumnName("xmin");
        ho.HasIndex(h => new { h.PartnerId, h.AssignedAt });
        ho.HasIndex(h => h.RespondBy).HasFilter("status = 'assigned'");
    }
}
