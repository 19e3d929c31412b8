using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Identity.Api.Data.Configurations;

internal sealed class BusinessCertificationConfiguration : IEntityTypeConfiguration<BusinessCertification>
{
    public void Configure(EntityTypeBuilder<BusinessCertification> certification)
    {
        certification.ToTable("business_certifications");
        certification.HasKey(c => c.PartnerId);
        certification.Property(c => c.PartnerId).ValueGeneratedNever();
        certification.Property(c => c.BankName).HasMaxLength(200);
        certification.Property(c => c.BankAccountName).HasMaxLength(200);
        certification.Property(c => c.BankAccountNumber).HasMaxLength(64);
        certification.Property(c => c.TaxId).HasMaxLength(64);
        certification.Property(c => c.BankLetterReference).HasMaxLength(500);
        certification.Property(c => c.ReviewNote).HasMaxLength(500);
        certification.Property(c => c.Version).IsRowVersion().HasColumnName("xmin");
        certification.HasIndex(c => new { c.Status, c.SubmittedAt });
    }
}

internal sealed class SupplierRecordConfiguration : IEntityTypeConfiguration<SupplierRecord>
{
    public void Configure(EntityTypeBuilder<SupplierRecord> supplier)
    {
        supplier.ToTable("supplier_records");
        supplier.HasKey(s => s.TaxId);
        supplier.Property(s => s.TaxId).HasMaxLength(64);
        supplier.Property(s => s.BankAccountNumber).HasMaxLength(64);
    }
}
