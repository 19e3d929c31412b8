using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Identity.Api.Data.Configurations;

internal sealed class PartnerEcosystemManagerConfiguration : IEntityTypeConfiguration<PartnerEcosystemManager>
{
    public const string CurrentIndex = "ux_partner_ecosystem_managers_current";

    public void Configure(EntityTypeBuilder<PartnerEcosystemManager> manager)
    {
        manager.ToTable("partner_ecosystem_managers");
        manager.Property(m => m.DisplayName).HasMaxLength(64);
        manager.Property(m => m.Email).HasMaxLength(Rules.EmailMaxLength);
        manager.Property(m => m.MobilePhone).HasMaxLength(32);
        manager.HasIndex(m => m.PartnerId).IsUnique().HasFilter("ended_at IS NULL").HasDatabaseName(CurrentIndex);
        manager.HasIndex(m => new { m.PartnerId, m.AssignedAt });
    }
}
