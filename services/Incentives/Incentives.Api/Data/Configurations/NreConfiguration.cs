using Incentives.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incentives.Api.Data.Configurations;

internal sealed class NreAgreementConfiguration : IEntityTypeConfiguration<NreAgreement>
{
    public void Configure(EntityTypeBuilder<NreAgreement> agreement)
    {
        agreement.ToTable("nre_agreements");
        agreement.Property(a => a.Id).ValueGeneratedNever();
        agreement.Property(a => a.Currency).HasMaxLength(3);
        agreement.Property(a => a.DocumentReference).HasMaxLength(512);
        agreement.Property(a => a.DocumentSha256).HasMaxLength(64);
        agreement.Property(a => a.ReviewRemark).HasMaxLength(1000);

        // One NRE per solution (design).
        agreement.HasIndex(a => a.SolutionId).IsUnique();
        agreement.HasIndex(a => a.PartnerId);
        agreement.HasMany(a => a.Milestones).WithOne().HasForeignKey(m => m.AgreementId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NreMilestoneConfiguration : IEntityTypeConfiguration<NreMilestone>
{
    public void Configure(EntityTypeBuilder<NreMilestone> milestone)
    {
        milestone.ToTable("nre_milestones", t => t.HasCheckConstraint("ck_nre_milestones_amount", "amount >= 0"));
        milestone.HasKey(m => new { m.AgreementId, m.Number });
        milestone.Property(m => m.Materials).HasColumnType("text[]");
        milestone.Property(m => m.Remark).HasMaxLength(1000);
    }
}
