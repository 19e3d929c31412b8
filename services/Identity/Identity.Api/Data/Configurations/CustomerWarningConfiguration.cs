using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Identity.Api.Data.Configurations;

internal sealed class CustomerWarningConfiguration : IEntityTypeConfiguration<CustomerWarning>
{
    public void Configure(EntityTypeBuilder<CustomerWarning> warning)
    {
        warning.ToTable("customer_warnings");
        warning.Property(w => w.Note).HasMaxLength(500);
        warning.Property(w => w.Version).IsRowVersion().HasColumnName("xmin");
        warning.HasIndex(w => new { w.CustomerId, w.Kind }).IsUnique().HasFilter("status = 'open'");
        warning.HasIndex(w => new { w.PartnerId, w.Status, w.RaisedAt });
    }
}

internal sealed class WarningRefreshRunConfiguration : IEntityTypeConfiguration<WarningRefreshRun>
{
    public void Configure(EntityTypeBuilder<WarningRefreshRun> run)
    {
        run.ToTable("warning_refresh_runs");
        run.HasKey(r => r.Day);
    }
}
