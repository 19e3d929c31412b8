using System.Text.Json;
using Docs.Tests.Support;

namespace Docs.Tests;

/// <summary>
/// The developer portal as a frontend developer uses it, in Debian's headless chromium through
/// playwright-core (<c>client/portal.mjs</c>): sign in as a demo account in the portal's bar,
/// then "Try it out" on an operation that needs the token, answered through the gateway.
/// </summary>
[Collection(DocsPlatformCollection.Name)]
public sealed class PortalTests(DocsPlatform platform)
{
    [Fact]
    public async Task A_demo_account_signs_in_in_the_portal_and_a_try_it_out_call_succeeds_through_the_gateway()
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "chromium is not installed: ./test installs it");
        Directory.CreateDirectory(Repository.GeneratedFolder);
        var screenshot = Path.Combine(Repository.GeneratedFolder, "portal-try-it-out.png");
        File.Delete(screenshot);

        var result = await Node.ScriptAsync(
            "portal.mjs",
            [new Uri(platform.GatewayAddress, "/docs/index.html?definition=identity-api").ToString(), DocsPlatform.DemoAccount, DocsPlatform.DemoPassword, "GetPartnerProfile", screenshot],
            TimeSpan.FromMinutes(3));

        Assert.True(result.ExitCode == 0, "the portal could not be driven:\n" + result);
        var seen = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal("Signed in as " + DocsPlatform.DemoAccount, seen.GetProperty("signedIn").GetString());
        Assert.True(seen.GetProperty("authorized").GetBoolean(), "the bearer scheme is not authorized in Swagger UI");
        Assert.True(seen.GetProperty("status").GetString() == "200", "Try it out answered:\n" + result.Output);
        Assert.Contains("华东云联", seen.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Empty(seen.GetProperty("failed").EnumerateArray());
        Assert.True(new FileInfo(screenshot).Length > 10_000, "no screenshot was taken");
    }
}
