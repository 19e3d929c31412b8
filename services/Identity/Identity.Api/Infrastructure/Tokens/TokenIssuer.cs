using System.Security.Cryptography;
using System.Text;
using Identity.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Infrastructure.Tokens;

/// <summary>
/// Issues a JWT access token signed with the current signing key (<see cref="AccessTokens"/>) and
/// an opaque refresh token kept server-side (<see cref="RefreshToken"/>), and answers them in the
/// API's snake_case shape. A refresh token carries the account's security stamp, so a password
/// change revokes it.
/// </summary>
public sealed class TokenIssuer(
    IdentityDbContext db,
    SigningKeys signingKeys,
    IOptions<IdentityOptions> identityOptions,
    IOptions<PlatformAuthenticationOptions> authenticationOptions,
    TimeProvider timeProvider)
{
    private TokenOptions Options => identityOptions.Value.Tokens;

    public async Task<TokenResponse> IssueAsync(CurrentCaller caller, string securityStamp, CancellationToken cancellationToken)
    {
        var now = timeProvider.Now();
        var accessToken = AccessTokens.Create(
            caller, await signingKeys.SigningKeyAsync(cancellationToken), now, Options.AccessTokenLifetime, authenticationOptions.Value);

        var refreshToken = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        db.RefreshTokens.Add(new RefreshToken
        {
            TokenHash = Hash(refreshToken),
            AccountId = Guid.Parse(caller.UserId!),
            SecurityStamp = securityStamp,
            CreatedAt = now,
            ExpiresAt = now + Options.RefreshTokenLifetime,
        });
        await db.SaveChangesAsync(cancellationToken);

        return new TokenResponse(accessToken, "Bearer", (long)Options.AccessTokenLifetime.TotalSeconds, refreshToken);
    }

    /// <summary>The account and security stamp a refresh token was issued for; null when it is unknown or expired.</summary>
    public async Task<RefreshToken?> ReadRefreshTokenAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var hash = Hash(refreshToken);
        var stored = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        return stored is not null && timeProvider.GetUtcNow() < stored.ExpiresAt ? stored : null;
    }

    /// <summary>Deletes the refresh tokens that have expired.</summary>
    public Task<int> DeleteExpiredRefreshTokensAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        return db.RefreshTokens.Where(t => t.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}

public sealed record TokenResponse(string AccessToken, string TokenType, long ExpiresIn, string RefreshToken);
