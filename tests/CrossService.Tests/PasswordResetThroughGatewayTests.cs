extern alias identity;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrossService.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerPlatform.Testing;
using NotificationOptions = identity::Identity.Api.Infrastructure.Notifications.NotificationOptions;

namespace CrossService.Tests;

/// <summary>Forgot password as a frontend does it: anonymous through the gateway's public routes, to identity-api and its real servers.</summary>
public sealed partial class PasswordResetThroughGatewayTests(Platform platform) : IClassFixture<Platform>
{
    [Fact]
    public async Task A_partner_resets_a_forgotten_password_through_the_gateway_and_its_old_refresh_token_is_refused_there()
    {
        var userName = "forgot-" + Guid.NewGuid().ToString("N")[..12];
        await platform.RegisterAndSignInAsync(userName, "Before-pass-1");
        var login = await (await platform.Gateway.PostAsJsonAsync("/v2/auth/login", new { username = userName, password = "Before-pass-1" }))
            .IsSuccess(HttpStatusCode.OK);

        var known = await platform.Gateway.PostAsJsonAsync("/v2/auth/password-resets", new { user_name = userName });
        var unknown = await platform.Gateway.PostAsJsonAsync("/v2/auth/password-resets", new { user_name = "nobody-" + Guid.NewGuid().ToString("N")[..12] });
        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());

        var code = LatestCodeTo(userName + "@example.com");
        await (await platform.Gateway.PostAsJsonAsync("/v2/auth/password-resets/confirm", new { user_name = userName, verification_code = code, new_password = "After-pass-2" }))
            .IsSuccess(HttpStatusCode.NoContent);

        await (await platform.Gateway.PostAsJsonAsync("/v2/auth/refresh", new { refresh_token = login.GetProperty("refresh_token").GetString() }))
            .IsProblem(HttpStatusCode.Unauthorized, "CBC.99001003");
        await (await platform.Gateway.PostAsJsonAsync("/v2/auth/login", new { username = userName, password = "Before-pass-1" }))
            .IsProblem(HttpStatusCode.Unauthorized, "CBC.99001001");
        await platform.SignInAsync(userName, "After-pass-2");
    }

    private string LatestCodeTo(string address)
    {
        var path = platform.IdentityServices.GetRequiredService<IOptions<NotificationOptions>>().Value.FilePath!;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var latest = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Last(n => n.GetProperty("address").GetString() == address);
        return SixDigits().Match(latest.GetProperty("body").GetString()!).Value;
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
