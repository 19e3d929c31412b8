using Coupons.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coupons.Api.Data.Configurations;

internal sealed class OperationRecordConfiguration : IEntityTypeConfiguration<OperationRecord>
{
    public void Configure(EntityTypeBuilder<OperationRecord> record)
    {
        record.ToTable("operation_records");
        record.Property(r => r.Id).UseIdentityAlwaysColumn();
        record.Property(r => r.OperatorId).HasMaxLength(64);
        record.Property(r => r.Amount).HasColumnType(ColumnTypes.Money);
        record.Property(r => r.Currency).HasMaxLength(3);
        record.Property(r => r.Remark).HasMaxLength(256);
        record.HasIndex(r => new { r.PartnerId, r.Id });
    }
}
