using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.Testing;

namespace Gateway.Benchmark;

/// <summary>
/// A partner's access token signed with the test key, shaped as identity-api issues it; the
/// gateway trusts that key through <see cref="Environment"/> (<c>Authentication__Jwks</c>).
/// </summary>
internal static class BenchmarkToken
{
    public static IReadOnlyDictionary<string, string> Environment { get; } =
        new Dictionary<string, string> { [TestTokens.JwksSetting.Replace(":", "__", StringComparison.Ordinal)] = TestTokens.Jwks };

    public static string Issue() =>
        TestTokens.For(new CurrentCaller { IsAuthenticated = true, UserId = "bench-user", PartnerId = "bench-partner" }, lifetime: TimeSpan.FromHours(2));
}
