namespace Identity.Api.Infrastructure.Tokens;

/// <summary>
/// A refresh token handed out at sign-in (table <c>refresh_tokens</c>). Only the SHA-256 of the
/// opaque token is stored. It buys new tokens until it expires or the account's security stamp
/// changes (a password change).
/// </summary>
public sealed class RefreshToken
{
    public required byte[] TokenHash { get; init; }

    public Guid AccountId { get; init; }

    public required string SecurityStamp { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }
}
