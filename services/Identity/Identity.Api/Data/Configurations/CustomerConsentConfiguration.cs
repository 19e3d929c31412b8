using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Identity.Api.Data.Configurations;

internal sealed class CustomerConsentConfiguration : IEntityTypeConfiguration<CustomerConsent>
{
    public const int ClientIpMaxLength = 64;
    public const int UserAgentMaxLength = 512;

    public void Configure(EntityTypeBuilder<CustomerConsent> consent)
    {
        consent.ToTable("customer_consents");
        consent.Property(c => c.ClientIp).HasMaxLength(ClientIpMaxLength);
        consent.Property(c => c.UserAgent).HasMaxLength(UserAgentMaxLength);
        consent.HasMany(c => c.Documents).WithOne().HasForeignKey(d => d.ConsentId).OnDelete(DeleteBehavior.Restrict);
        consent.HasIndex(c => new { c.CustomerId, c.AcceptedAt });
    }
}

internal sealed class CustomerConsentDocumentConfiguration : IEntityTypeConfiguration<CustomerConsentDocument>
{
    public void Configure(EntityTypeBuilder<CustomerConsentDocument> document)
    {
        document.ToTable("customer_consent_documents");
        document.HasKey(d => new { d.ConsentId, d.Kind });
        document.Property(d => d.Kind).HasConversion<SnakeCaseEnumConverter<ConsentDocumentKind>>().HasMaxLength(32);
        document.Property(d => d.Version).HasMaxLength(64);
    }
}
