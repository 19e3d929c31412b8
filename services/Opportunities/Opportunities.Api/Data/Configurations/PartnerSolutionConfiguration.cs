using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Opportunities.Api.Domain;

namespace Opportunities.Api.Data.Configurations;

internal sealed class PartnerSolutionConfiguration : IEntityTypeConfiguration<PartnerSolution>
{
    public void Configure(EntityTypeBuilder<PartnerSolution> solution)
    {
        solution.ToTable("partner_solutions");
        solution.Property(s => s.Id).ValueGeneratedNever();
        solution.Property(s => s.Name).HasMaxLength(200);
        solution.Property(s => s.Description).HasMaxLength(2000);
        solution.Property(s => s.Version).IsRowVersion().HasColumnName("xmin");
        solution.HasIndex(s => new { s.PartnerId, s.Name }).IsUnique();
    }
}
