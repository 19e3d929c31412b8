using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Identity.Api.Data.Configurations;

internal sealed class PasswordResetConfiguration : IEntityTypeConfiguration<PasswordReset>
{
    public void Configure(EntityTypeBuilder<PasswordReset> reset)
    {
        reset.ToTable("password_resets");
        reset.Property(r => r.IdentifiedBy).HasMaxLength(16);
        reset.Property(r => r.Channel).HasMaxLength(16);
        reset.Property(r => r.ClientAddress).HasMaxLength(64);
        reset.HasIndex(r => new { r.AccountId, r.ResetAt });
    }
}

/// <summary>Password reset and the account choice look accounts up by mobile number.</summary>
internal sealed class AccountPhoneNumberConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> account) => account.HasIndex(a => a.PhoneNumber);
}

/// <summary>The customer account a pre-registration names when its mobile number carries several.</summary>
internal sealed class ProspectAccountNameConfiguration : IEntityTypeConfiguration<Prospect>
{
    public void Configure(EntityTypeBuilder<Prospect> prospect) => prospect.Property(p => p.AccountName).HasMaxLength(Rules.AccountNameMaxLength);
}
