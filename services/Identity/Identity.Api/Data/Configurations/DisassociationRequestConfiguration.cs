using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Identity.Api.Data.Configurations;

internal sealed class DisassociationRequestConfiguration : IEntityTypeConfiguration<DisassociationRequest>
{
    public void Configure(EntityTypeBuilder<DisassociationRequest> request)
    {
        request.ToTable("disassociation_requests");
        request.HasIndex(r => new { r.CustomerId, r.RequestedAt });
    }
}
