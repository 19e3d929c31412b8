using Identity.Api.Domain.Sso;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Identity.Api.Data.Configurations;

internal sealed class SamlIdentityProviderConfiguration : IEntityTypeConfiguration<SamlIdentityProvider>
{
    public void Configure(EntityTypeBuilder<SamlIdentityProvider> provider)
    {
        provider.ToTable("saml_identity_providers");
        provider.HasKey(p => p.PartnerId);
        provider.Property(p => p.PartnerId).ValueGeneratedNever();
        provider.Property(p => p.EntityId).HasMaxLength(1024);
        provider.Property(p => p.SingleSignOnUrl).HasMaxLength(2048);
    }
}

internal sealed class SamlConfigurationChangeConfiguration : IEntityTypeConfiguration<SamlConfigurationChange>
{
    public void Configure(EntityTypeBuilder<SamlConfigurationChange> change)
    {
        change.ToTable("saml_configuration_changes");
        change.Property(c => c.Action).HasConversion<SnakeCaseEnumConverter<SamlConfigurationAction>>().HasMaxLength(32);
        change.Property(c => c.EntityId).HasMaxLength(1024);
        change.HasIndex(c => new { c.PartnerId, c.ChangedAt });
    }
}

internal sealed class SamlPendingRequestConfiguration : IEntityTypeConfiguration<SamlPendingRequest>
{
    public void Configure(EntityTypeBuilder<SamlPendingRequest> request)
    {
        request.ToTable("saml_pending_requests");
        request.Property(r => r.Id).HasMaxLength(64);
        request.HasIndex(r => r.ExpiresAt);
    }
}

internal sealed class SamlUsedAssertionConfiguration : IEntityTypeConfiguration<SamlUsedAssertion>
{
    public void Configure(EntityTypeBuilder<SamlUsedAssertion> assertion)
    {
        assertion.ToTable("saml_used_assertions");
        assertion.HasKey(a => new { a.PartnerId, a.AssertionId });
        assertion.Property(a => a.AssertionId).HasMaxLength(256);
        assertion.HasIndex(a => a.ExpiresAt);
    }
}

internal sealed class SamlLoginCodeConfiguration : IEntityTypeConfiguration<SamlLoginCode>
{
    public void Configure(EntityTypeBuilder<SamlLoginCode> code)
    {
        code.ToTable("saml_login_codes");
        code.HasKey(c => c.CodeHash);
        code.Property(c => c.CodeHash).HasMaxLength(64);
        code.HasIndex(c => c.ExpiresAt);
    }
}
