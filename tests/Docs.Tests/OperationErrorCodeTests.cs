extern alias coupons;
extern alias identity;
extern alias incentives;
extern alias opportunities;
extern alias resellers;
extern alias subscriptionfiles;

using Docs.Tests.Support;
using PartnerPlatform.ServiceDefaults;

namespace Docs.Tests;

/// <summary>
/// Every write declares the service's own codes it can answer (or that it answers none of them),
/// and each declared code is one of the service's catalogue and is listed, with its status and
/// title, under the response of its status.
/// </summary>
[Collection(DocsPlatformCollection.Name)]
public sealed class OperationErrorCodeTests(DocsPlatform platform)
{
    private static readonly string[] Writes = ["put", "post", "delete", "patch"];

    private static readonly Dictionary<string, IReadOnlyList<ErrorCode>> Catalogues = new(StringComparer.Ordinal)
    {
        ["identity-api"] = identity::Identity.Api.IdentityErrors.All,
        ["resellers-api"] = resellers::Resellers.Api.ResellersErrors.All,
        ["opportunities-api"] = opportunities::Opportunities.Api.OpportunitiesErrors.All,
        ["coupons-api"] = coupons::Coupons.Api.CouponsErrors.All,
        ["incentives-api"] = incentives::Incentives.Api.IncentivesErrors.All,
        ["subscription-files-api"] = subscriptionfiles::SubscriptionFiles.Api.SubscriptionFilesErrors.All,
    };

    public static TheoryData<string> Services => [.. Catalogues.Keys];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_write_declares_the_service_codes_it_can_answer_and_each_is_in_the_catalogue_and_its_response(string service)
    {
        var document = await platform.OpenApiDocumentAsync(service);
        var catalogue = Catalogues[service].ToDictionary(c => c.Code, StringComparer.Ordinal);
        var writes = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(m => Writes.Contains(m.Name)).Select(m => (Name: $"{m.Name.ToUpperInvariant()} {path.Name}", Operation: m.Value)))
            .ToList();
        var failures = new List<string>();

        Assert.NotEmpty(writes);
        foreach (var (name, operation) in writes)
        {
            if (!operation.TryGetProperty(PlatformOpenApi.ServiceErrorCodesExtension, out var declared))
            {
                failures.Add($"{name}: declares no service codes (.ProducesErrorCodes(...), empty when it answers none)");
                continue;
            }

            foreach (var code in declared.EnumerateArray().Select(c => c.GetString()!))
            {
                if (!catalogue.TryGetValue(code, out var known))
                {
                    failures.Add($"{name}: {code} is not in the service's catalogue");
                    continue;
                }

                var listed = operation.GetProperty("responses").TryGetProperty(known.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response)
                    && response.GetProperty(PlatformOpenApi.ErrorCodesExtension).EnumerateArray().Any(c =>
                        c.GetProperty("code").GetString() == code && c.GetProperty("status").GetInt32() == known.Status && c.GetProperty("title").GetString() == known.Title);
                if (!listed)
                {
                    failures.Add($"{name}: {code} is not listed under its {known.Status} response");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Signing_in_lists_wrong_credentials_and_a_locked_account_beside_the_generic_codes()
    {
        var document = await platform.OpenApiDocumentAsync("identity-api");

        var login = document.GetProperty("paths").GetProperty("/v2/auth/login").GetProperty("post");
        var unauthorized = login.GetProperty("responses").GetProperty("401");
        Assert.Equal("CBC.99001001", unauthorized.GetProperty("content").GetProperty("application/problem+json").GetProperty("example").GetProperty("error_code").GetString());
        Assert.Contains(login.GetProperty("responses").GetProperty("403").GetProperty(PlatformOpenApi.ErrorCodesExtension).EnumerateArray(),
            c => c.GetProperty("code").GetString() == "CBC.99001002" && c.GetProperty("title").GetString() == "Account locked");
        Assert.Contains(login.GetProperty("responses").GetProperty("400").GetProperty(PlatformOpenApi.ErrorCodesExtension).EnumerateArray(),
            c => c.GetProperty("code").GetString() == "CBC.0100");
    }
}
