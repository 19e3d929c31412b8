using Incentives.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incentives.Api.Data.Configurations;

internal sealed class FhEnrolmentConfiguration : IEntityTypeConfiguration<FhEnrolment>
{
    public void Configure(EntityTypeBuilder<FhEnrolment> enrolment)
    {
        enrolment.ToTable("fh_enrolments");
        enrolment.Property(e => e.Id).ValueGeneratedNever();
        enrolment.HasIndex(e => new { e.PartnerId, e.Track }).IsUnique();
        enrolment.HasIndex(e => e.LastGeneratedMonth).HasFilter("status = 'active'");
    }
}

internal sealed class FhStaffConfiguration : IEntityTypeConfiguration<FhStaff>
{
    public void Configure(EntityTypeBuilder<FhStaff> staff)
    {
        staff.ToTable("fh_staff", t => t.HasCheckConstraint("ck_fh_staff_monthly_amount", "monthly_amount >= 0"));
        staff.Property(s => s.Id).ValueGeneratedNever();
        staff.Property(s => s.Currency).HasMaxLength(3);
        staff.HasIndex(s => new { s.PartnerId, s.Track });
    }
}

internal sealed class FhProjectConfiguration : IEntityTypeConfiguration<FhProject>
{
    public void Configure(EntityTypeBuilder<FhProject> project)
    {
        project.ToTable("fh_projects");
        project.Property(p => p.Id).ValueGeneratedNever();
        project.HasIndex(p => p.PartnerId);
        project.HasIndex(p => p.StaffId);
    }
}

internal sealed class FhMonthlyListConfiguration : IEntityTypeConfiguration<FhMonthlyList>
{
    public void Configure(EntityTypeBuilder<FhMonthlyList> list)
    {
        list.ToTable("fh_monthly_lists");
        list.Property(l => l.Id).ValueGeneratedNever();
        list.Property(l => l.Currency).HasMaxLength(3);
        list.Property(l => l.Materials).HasColumnType("text[]");
        list.Property(l => l.VoidReason).HasMaxLength(32);
        list.HasIndex(l => new { l.PartnerId, l.Track, l.Month }).IsUnique();
        list.HasIndex(l => l.VerifyBy).HasFilter("status = 'awaiting_verification'");
        list.HasIndex(l => l.PaymentApplicationId);
        list.HasMany(l => l.Lines).WithOne().HasForeignKey(l => l.ListId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FhListLineConfiguration : IEntityTypeConfiguration<FhListLine>
{
    public void Configure(EntityTypeBuilder<FhListLine> line)
    {
        line.ToTable("fh_list_lines");
        line.HasKey(l => new { l.ListId, l.StaffId });
        line.Property(l => l.ProjectIds).HasColumnType("uuid[]");
    }
}

internal sealed class PaymentApplicationConfiguration : IEntityTypeConfiguration<PaymentApplication>
{
    public void Configure(EntityTypeBuilder<PaymentApplication> application)
    {
        application.ToTable("payment_applications");
        application.Property(a => a.Id).ValueGeneratedNever();
        application.Property(a => a.Currency).HasMaxLength(3);
        application.HasIndex(a => new { a.PartnerId, a.Quarter }).IsUnique();
        application.HasMany(a => a.Invoices).WithOne().HasForeignKey(i => i.PaymentApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> invoice)
    {
        invoice.ToTable("invoices", t => t.HasCheckConstraint("ck_invoices_amount", "amount > 0"));
        invoice.Property(i => i.Id).ValueGeneratedNever();
        invoice.Property(i => i.InvoiceNumber).HasMaxLength(64);
        invoice.Property(i => i.Currency).HasMaxLength(3);

        // One invoice never covers several applications: its number is unique per partner.
        invoice.HasIndex(i => new { i.PartnerId, i.InvoiceNumber }).IsUnique();
    }
}
