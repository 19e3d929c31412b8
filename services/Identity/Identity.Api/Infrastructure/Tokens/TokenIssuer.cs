using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Infrastructure.Tokens;

/// <summary>
/// Issues access and refresh tokens with the protectors of the framework's bearer-token handler
/// (the scheme every service validates with), and answers them in the API's snake_case shape.
/// A refresh token carries the account's security stamp, so a password change revokes it.
/// </summary>
public sealed class TokenIssuer(IOptionsMonitor<BearerTokenOptions> optionsMonitor, TimeProvider timeProvider)
{
    private const string SecurityStampItem = "security_stamp";

    private BearerTokenOptions Options => optionsMonitor.Get(PlatformAuthentication.Scheme);

    public TokenResponse Issue(ClaimsPrincipal principal, string securityStamp)
    {
        var options = Options;
        var now = timeProvider.Now();
        var accessToken = options.BearerTokenProtector.Protect(new AuthenticationTicket(
            principal,
            new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + options.BearerTokenExpiration },
            $"{PlatformAuthentication.Scheme}:AccessToken"));

        var refreshProperties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + options.RefreshTokenExpiration };
        refreshProperties.Items[SecurityStampItem] = securityStamp;
        var refreshToken = options.RefreshTokenProtector.Protect(new AuthenticationTicket(
            principal, refreshProperties, $"{PlatformAuthentication.Scheme}:RefreshToken"));

        return new TokenResponse(accessToken, "Bearer", (long)options.BearerTokenExpiration.TotalSeconds, refreshToken);
    }

    /// <summary>The account and security stamp a refresh token was issued for; null when it is invalid or expired.</summary>
    public RefreshTicket? ReadRefreshToken(string refreshToken)
    {
        var ticket = Options.RefreshTokenProtector.Unprotect(refreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires
            || timeProvider.Now() >= expires
            || !Guid.TryParse(ticket.Principal.FindFirst(PlatformClaims.UserId)?.Value, out var accountId)
            || !ticket.Properties.Items.TryGetValue(SecurityStampItem, out var stamp)
            || stamp is null)
        {
            return null;
        }

        return new RefreshTicket(accountId, stamp);
    }
}

public sealed record RefreshTicket(Guid AccountId, string SecurityStamp);

public sealed record TokenResponse(string AccessToken, string TokenType, long ExpiresIn, string RefreshToken);
