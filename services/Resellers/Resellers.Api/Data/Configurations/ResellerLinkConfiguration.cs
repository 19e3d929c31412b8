using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Resellers.Api.Domain;

namespace Resellers.Api.Data.Configurations;

internal sealed class ResellerLinkConfiguration : IEntityTypeConfiguration<ResellerLink>
{
    public void Configure(EntityTypeBuilder<ResellerLink> link)
    {
        link.ToTable("reseller_links");
        link.HasKey(l => l.Id);
        link.Property(l => l.Id).ValueGeneratedNever();
        link.Property(l => l.Reason).HasMaxLength(500);
        link.Property(l => l.Version).IsRowVersion().HasColumnName("xmin");
        var holding = string.Join(", ", LinkTransitions.Holding.Select(s => $"'{Names.Snake(s)}'"));
        link.HasIndex(l => l.ResellerPartnerId).IsUnique().HasFilter($"state IN ({holding})").HasDatabaseName(ResellersDbContext.OneHoldingLinkPerReseller);
        link.HasIndex(l => new { l.DistributorPartnerId, l.State });
        link.HasIndex(l => l.InvitationExpiresAt).HasFilter("state = 'invited'");
    }
}

internal sealed class AccountManagerAssignmentConfiguration : IEntityTypeConfiguration<AccountManagerAssignment>
{
    public void Configure(EntityTypeBuilder<AccountManagerAssignment> assignment)
    {
        assignment.ToTable("account_manager_assignments");
        assignment.HasKey(a => a.Id);
        assignment.Property(a => a.Id).ValueGeneratedNever();
        assignment.HasIndex(a => new { a.LinkId, a.AssignedAt });
    }
}
