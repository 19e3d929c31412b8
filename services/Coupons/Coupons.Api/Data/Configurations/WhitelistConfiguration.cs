using Coupons.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coupons.Api.Data.Configurations;

internal sealed class WhitelistConfiguration : IEntityTypeConfiguration<Whitelist>
{
    public void Configure(EntityTypeBuilder<Whitelist> whitelist)
    {
        whitelist.ToTable("whitelists");
        whitelist.HasKey(w => w.PartnerId);
        whitelist.Property(w => w.PartnerId).ValueGeneratedNever();
        whitelist.Property(w => w.UpdatedBy).HasMaxLength(64);
    }
}

internal sealed class WhitelistVersionConfiguration : IEntityTypeConfiguration<WhitelistVersion>
{
    public void Configure(EntityTypeBuilder<WhitelistVersion> version)
    {
        version.ToTable("whitelist_versions");
        version.HasKey(v => new { v.PartnerId, v.Version });
        version.Property(v => v.ImportedBy).HasMaxLength(64);
        version.Property(v => v.Remark).HasMaxLength(256);
    }
}

internal sealed class WhitelistEntryConfiguration : IEntityTypeConfiguration<WhitelistEntry>
{
    public void Configure(EntityTypeBuilder<WhitelistEntry> entry)
    {
        entry.ToTable("whitelist_entries");
        entry.HasKey(e => new { e.PartnerId, e.Version, e.CustomerId });
    }
}
