using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Identity.Api.Data.Configurations;

internal sealed class MemberCertificateConfiguration : IEntityTypeConfiguration<MemberCertificate>
{
    public const string NumberIndex = "ux_member_certificates_account_number";

    public void Configure(EntityTypeBuilder<MemberCertificate> certificate)
    {
        certificate.ToTable("member_certificates");
        certificate.Property(c => c.Level).HasConversion<SnakeCaseEnumConverter<CertificateLevel>>().HasMaxLength(32);
        certificate.Property(c => c.Track).HasMaxLength(64);
        certificate.Property(c => c.Number).HasMaxLength(64);
        certificate.HasIndex(c => new { c.AccountId, c.Number }).IsUnique().HasDatabaseName(NumberIndex);
        certificate.HasIndex(c => c.ExpiresOn);
    }
}

internal sealed class MemberDepartureConfiguration : IEntityTypeConfiguration<MemberDeparture>
{
    public void Configure(EntityTypeBuilder<MemberDeparture> departure)
    {
        departure.ToTable("member_departures");
        departure.HasKey(d => d.InvitationId);
        departure.HasIndex(d => new { d.AccountId, d.PartnerId });
    }
}
