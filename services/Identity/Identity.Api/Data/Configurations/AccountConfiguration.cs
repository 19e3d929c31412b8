using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Identity.Api.Data.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> account)
    {
        account.ToTable("accounts");
        // ASP.NET Core Identity names these two indexes itself (UserNameIndex, EmailIndex), and the
        // naming convention leaves names given explicitly as they are.
        account.HasIndex(a => a.NormalizedUserName).HasDatabaseName("user_name_index");
        account.HasIndex(a => a.NormalizedEmail).HasDatabaseName("email_index");
        account.Property(a => a.DisplayName).HasMaxLength(128);
        account.Property(a => a.Region).HasMaxLength(32);
        account.HasIndex(a => a.PartnerId);
        account.HasIndex(a => a.CustomerId);
    }
}
