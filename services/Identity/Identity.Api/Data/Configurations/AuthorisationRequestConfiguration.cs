using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Identity.Api.Data.Configurations;

internal sealed class AuthorisationRequestConfiguration : IEntityTypeConfiguration<AuthorisationRequest>
{
    public void Configure(EntityTypeBuilder<AuthorisationRequest> request)
    {
        request.ToTable("authorisation_requests");
        request.Property(r => r.Version).IsRowVersion().HasColumnName("xmin");
        request.HasIndex(r => new { r.CustomerId, r.RequestedAt });
        request.HasIndex(r => new { r.PartnerId, r.CustomerId, r.Purpose }).IsUnique().HasFilter("status = 'pending'");
    }
}
