using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Opportunities.Api.Domain;

namespace Opportunities.Api.Data.Configurations;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> project)
    {
        project.ToTable("projects");
        project.Property(p => p.Id).ValueGeneratedNever();
        project.Property(p => p.ProjectName).HasMaxLength(200);
        project.Property(p => p.Description).HasMaxLength(2000);
        project.Property(p => p.CustomerName).HasMaxLength(200);
        project.Property(p => p.Currency).HasMaxLength(3);
        project.Property(p => p.ReviewNote).HasMaxLength(1000);
        project.Property(p => p.ReviewedBy).HasMaxLength(64);
        project.Property(p => p.Version).IsRowVersion().HasColumnName("xmin");
        project.HasIndex(p => new { p.PartnerId, p.CreatedAt });
        project.HasIndex(p => p.Status);
    }
}
