using Incentives.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incentives.Api.Data.Configurations;

internal sealed class SubsidyProjectConfiguration : IEntityTypeConfiguration<SubsidyProject>
{
    public void Configure(EntityTypeBuilder<SubsidyProject> project)
    {
        project.ToTable("subsidy_projects");
        project.HasKey(p => p.ProjectId);
        project.Property(p => p.ProjectId).ValueGeneratedNever();
        project.Property(p => p.Currency).HasMaxLength(3);
        project.Property(p => p.Source).HasMaxLength(32);
        project.HasIndex(p => p.PartnerId);
    }
}

internal sealed class ProjectSubsidyConfiguration : IEntityTypeConfiguration<ProjectSubsidy>
{
    public void Configure(EntityTypeBuilder<ProjectSubsidy> subsidy)
    {
        subsidy.ToTable("project_subsidies");
        subsidy.Property(s => s.Id).ValueGeneratedNever();
        subsidy.Property(s => s.CapabilityTagsAtApplication).HasColumnType("text[]");
        subsidy.HasIndex(s => s.ProjectId).IsUnique();
        subsidy.HasIndex(s => s.PartnerId);
    }
}
