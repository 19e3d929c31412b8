namespace Identity.Api.Infrastructure.Tokens;

/// <summary>Token lifetimes and the signing keys' schedule (<c>Identity:Tokens:*</c>).</summary>
public sealed class TokenOptions
{
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long one key signs before the next one takes over.</summary>
    public TimeSpan SigningKeyLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// A new key is published this long before it signs, so validators hold it before the first
    /// token of it arrives. Longer than the validators' <c>Authentication:KeysRefreshInterval</c>.
    /// </summary>
    public TimeSpan SigningKeyPublishedAhead { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A retired key stays published this long, so the tokens it signed keep validating until they expire.</summary>
    public TimeSpan RetiredKeyPublishedFor { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How often the rotation job looks at the schedule.</summary>
    public TimeSpan SigningKeyCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an instance uses the keys it read before reading them again (others may have rotated).</summary>
    public TimeSpan SigningKeyCacheDuration { get; set; } = TimeSpan.FromMinutes(1);
}
