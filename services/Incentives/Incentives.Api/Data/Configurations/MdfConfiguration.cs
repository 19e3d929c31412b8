using Incentives.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incentives.Api.Data.Configurations;

internal sealed class MdfCategoryConfiguration : IEntityTypeConfiguration<MdfCategory>
{
    public void Configure(EntityTypeBuilder<MdfCategory> category)
    {
        category.ToTable("mdf_categories");
        category.HasKey(c => c.Code);
        category.Property(c => c.Code).HasMaxLength(64);
        category.Property(c => c.Group).HasMaxLength(32);
    }
}

internal sealed class MdfQuotaConfiguration : IEntityTypeConfiguration<MdfQuota>
{
    public void Configure(EntityTypeBuilder<MdfQuota> quota)
    {
        quota.ToTable("mdf_quotas", t => t.HasCheckConstraint("ck_mdf_quotas_approved_total", "approved_total >= 0 AND approved_total <= amount"));
        quota.HasKey(q => new { q.PartnerId, q.Year });
        quota.Property(q => q.Currency).HasMaxLength(3);
        quota.Ignore(q => q.Remaining);
    }
}

internal sealed class MdfApplicationConfiguration : IEntityTypeConfiguration<MdfApplication>
{
    public void Configure(EntityTypeBuilder<MdfApplication> application)
    {
        application.ToTable("mdf_applications", t => t.HasCheckConstraint("ck_mdf_applications_claimed_amount", "claimed_amount >= 0 AND claimed_amount <= coalesce(approved_amount, 0)"));
        application.Property(a => a.Id).ValueGeneratedNever();
        application.Property(a => a.CategoryCode).HasMaxLength(64);
        application.Property(a => a.Currency).HasMaxLength(3);
        application.Property(a => a.Attestation).HasMaxLength(1000);
        application.HasIndex(a => new { a.PartnerId, a.Status });
        application.HasOne<MdfCategory>().WithMany().HasForeignKey(a => a.CategoryCode).OnDelete(DeleteBehavior.Restrict);
        application.HasMany(a => a.Claims).WithOne().HasForeignKey(c => c.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MdfClaimConfiguration : IEntityTypeConfiguration<MdfClaim>
{
    public void Configure(EntityTypeBuilder<MdfClaim> claim)
    {
        claim.ToTable("mdf_claims", t => t.HasCheckConstraint("ck_mdf_claims_amount", "amount > 0"));
        claim.Property(c => c.Id).ValueGeneratedNever();
        claim.Property(c => c.Currency).HasMaxLength(3);
        claim.HasIndex(c => c.PartnerId);
        claim.HasMany(c => c.Invoices).WithOne().HasForeignKey(i => i.ClaimId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MdfInvoiceConfiguration : IEntityTypeConfiguration<MdfInvoice>
{
    public void Configure(EntityTypeBuilder<MdfInvoice> invoice)
    {
        invoice.ToTable("mdf_invoices", t => t.HasCheckConstraint("ck_mdf_invoices_amount", "amount > 0"));
        invoice.Property(i => i.Id).ValueGeneratedNever();
        invoice.Property(i => i.InvoiceNumber).HasMaxLength(64);
        invoice.Property(i => i.Currency).HasMaxLength(3);

        // One invoice never covers two claims: its number is unique per partner.
        invoice.HasIndex(i => new { i.PartnerId, i.InvoiceNumber }).IsUnique();
    }
}
