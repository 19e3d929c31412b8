using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SubscriptionFiles.Api.Domain;

namespace SubscriptionFiles.Api.Data.Configurations;

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> subscription)
    {
        subscription.ToTable("subscriptions");
        subscription.Property(s => s.Id).ValueGeneratedNever();
        subscription.Property(s => s.BucketName).HasMaxLength(63);
        subscription.Property(s => s.BucketPrefix).HasMaxLength(256);
        subscription.Property(s => s.CreatedBy).HasMaxLength(64);
        subscription.HasIndex(s => new { s.PartnerId, s.CreatedAt });
        subscription.HasMany(s => s.Contents).WithOne().HasForeignKey(c => c.SubscriptionId);
    }
}

internal sealed class SubscriptionContentConfiguration : IEntityTypeConfiguration<SubscriptionContent>
{
    public void Configure(EntityTypeBuilder<SubscriptionContent> content)
    {
        content.ToTable("subscription_contents");
        content.HasKey(c => new { c.PartnerId, c.Content });
        content.HasIndex(c => c.SubscriptionId);
    }
}

internal sealed class BucketClaimConfiguration : IEntityTypeConfiguration<BucketClaim>
{
    public void Configure(EntityTypeBuilder<BucketClaim> claim)
    {
        claim.ToTable("bucket_claims");
        claim.HasKey(c => c.BucketKey);
        claim.Property(c => c.BucketKey).HasMaxLength(80);
    }
}
