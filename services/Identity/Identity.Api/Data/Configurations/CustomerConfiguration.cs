using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Identity.Api.Data.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> customer)
    {
        customer.ToTable("customers");
        customer.Property(c => c.AccountName).HasMaxLength(Rules.AccountNameMaxLength);
        customer.Property(c => c.DisplayName).HasMaxLength(200);
        customer.Property(c => c.Email).HasMaxLength(Rules.EmailMaxLength);
        customer.Property(c => c.MobilePhone).HasMaxLength(32);
        customer.Property(c => c.XAccountId).HasMaxLength(128);
        customer.Property(c => c.XAccountType).HasMaxLength(64);
        customer.Property(c => c.RequestHash).HasMaxLength(64);
        customer.Property(c => c.AssociationFailure).HasMaxLength(64);
        customer.HasIndex(c => new { c.CreatedByPartnerId, c.XAccountId }).IsUnique().HasFilter("x_account_id IS NOT NULL");
        customer.HasIndex(c => c.AccountName).IsUnique();
        customer.HasIndex(c => c.Email);
        customer.HasIndex(c => c.MobilePhone);
    }
}

internal sealed class CustomerAccountFactsConfiguration : IEntityTypeConfiguration<CustomerAccountFacts>
{
    public void Configure(EntityTypeBuilder<CustomerAccountFacts> facts)
    {
        facts.ToTable("customer_account_facts");
        facts.HasKey(f => f.CustomerId);
        facts.Property(f => f.CustomerId).ValueGeneratedNever();
    }
}
