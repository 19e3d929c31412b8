namespace Identity.Api.Domain;

/// <summary>
/// An audit record: an account's password was reset with a verification code (table
/// <c>password_resets</c>). Holds how the account was named and where the code went, never the
/// address or the code.
/// </summary>
public sealed class PasswordReset
{
    public Guid Id { get; init; }

    public Guid AccountId { get; init; }

    /// <summary>How the caller named the account: <c>user_name</c>, <c>email</c> or <c>mobile</c>.</summary>
    public required string IdentifiedBy { get; init; }

    /// <summary>Where the code went: <c>email</c> or <c>sms</c>.</summary>
    public required string Channel { get; init; }

    /// <summary>Refresh tokens deleted by the reset.</summary>
    public int RevokedRefreshTokens { get; init; }

    /// <summary>The caller's address as the service saw it (behind the gateway: the forwarded client address).</summary>
    public string? ClientAddress { get; init; }

    public DateTimeOffset ResetAt { get; init; }
}
