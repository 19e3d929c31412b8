using Incentives.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incentives.Api.Data.Configurations;

internal sealed class CapabilityIncentiveScopeConfiguration : IEntityTypeConfiguration<CapabilityIncentiveScope>
{
    public void Configure(EntityTypeBuilder<CapabilityIncentiveScope> scope)
    {
        scope.ToTable("capability_incentive_scopes");
        scope.Property(s => s.Id).UseIdentityAlwaysColumn();
        scope.Property(s => s.IncentiveKind).HasMaxLength(64);
        scope.HasIndex(s => new { s.IncentiveKind, s.EffectiveFrom });
    }
}

internal sealed class CapabilityIncentiveClaimConfiguration : IEntityTypeConfiguration<CapabilityIncentiveClaim>
{
    public void Configure(EntityTypeBuilder<CapabilityIncentiveClaim> claim)
    {
        claim.ToTable("capability_incentive_claims");
        claim.Property(c => c.Id).ValueGeneratedNever();
        claim.Property(c => c.IncentiveKind).HasMaxLength(64);
        claim.Property(c => c.Currency).HasMaxLength(3);
        claim.HasIndex(c => c.PartnerId);
    }
}
