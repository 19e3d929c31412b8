using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Tests.Support;

/// <summary>The API as a client sees it: snake_case JSON, bearer tokens, problem details.</summary>
public sealed class Scenario(HttpClient http, IdentityApiFactory factory)
{
    public const string DefaultPassword = "Passw0rd-Test";

    public HttpClient Http => http;

    public IdentityApiFactory Factory => factory;

    public Task<HttpResponseMessage> PostAsync(string path, object? body, string? token = null, IDictionary<string, string>? headers = null) =>
        SendAsync(HttpMethod.Post, path, body, token, headers);

    public Task<HttpResponseMessage> PutAsync(string path, object? body, string? token = null, IDictionary<string, string>? headers = null) =>
        SendAsync(HttpMethod.Put, path, body, token, headers);

    public Task<HttpResponseMessage> GetAsync(string path, string? token = null) => SendAsync(HttpMethod.Get, path, null, token, null);

    public Task<HttpResponseMessage> DeleteAsync(string path, string? token = null) => SendAsync(HttpMethod.Delete, path, null, token, null);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, string? token, IDictionary<string, string>? headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = body is HttpContent content ? content : JsonContent.Create(body, body.GetType(), options: PlatformJson.Options);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await http.SendAsync(request);
    }

    /// <summary>Registers a partner with a main account and signs it in.</summary>
    public async Task<PartnerSession> RegisterPartnerAsync(string? region = null)
    {
        var userName = UniqueName("p");
        var response = await PostAsync("/v2/partners/profile/register", new
        {
            user_name = userName,
            password = DefaultPassword,
            company_name = "Company " + userName,
            email = userName + "@example.com",
            region,
        });
        var body = await response.ReadJsonAsync(HttpStatusCode.Created);
        var partnerId = body.GetProperty("partner_id").GetGuid();
        var token = await LoginAsync(userName, DefaultPassword);
        return new PartnerSession(partnerId, userName, token);
    }

    /// <summary>A fresh token for the partner's main account (after the test moved the clock past the old one).</summary>
    public async Task<PartnerSession> SignInAgainAsync(PartnerSession partner) =>
        partner with { Token = await LoginAsync(partner.UserName, DefaultPassword) };

    public async Task<string> LoginAsync(string userName, string password)
    {
        var response = await PostAsync("/v2/auth/login", new { username = userName, password });
        return (await response.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("access_token").GetString()!;
    }

    public Task<string> LoginVendorAdminAsync() => LoginAsync(IdentityApiFactory.VendorAdminUserName, factory.VendorAdminPassword);

    /// <summary>A valid, unused account name (letter first, 5–32 characters).</summary>
    public static string UniqueName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>A valid mobile number nobody else in the run uses.</summary>
    public static string UniqueMobile() => "0086-1" + Random.Shared.NextInt64(1_000_000_000L, 9_999_999_999L).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string UniqueEmail() => Guid.NewGuid().ToString("N")[..12] + "@example.com";

    /// <summary>The vendor puts the partner in a programme; answers a fresh token that carries it.</summary>
    public async Task<PartnerSession> GrantProgrammeAsync(PartnerSession partner, string programme)
    {
        var vendor = await LoginVendorAdminAsync();
        await (await PostAsync($"/v2/vendor/partners/{partner.PartnerId}/programmes", new { programme }, vendor)).ReadJsonAsync(HttpStatusCode.OK);
        return await SignInAgainAsync(partner);
    }

    /// <summary>Creates a member (optionally with a role of the given permission items) and signs it in.</summary>
    public async Task<MemberSession> CreateMemberAsync(PartnerSession partner, params string[] permissions)
    {
        var roleIds = new List<Guid>();
        if (permissions.Length > 0)
        {
            var role = await (await PostAsync("/v2/partners/members/roles", new { name = "role-" + Guid.NewGuid().ToString("N")[..8], permissions }, partner.Token))
                .ReadJsonAsync(HttpStatusCode.Created);
            roleIds.Add(role.GetProperty("role_id").GetGuid());
        }

        var userName = UniqueName("m");
        var member = await (await PostAsync("/v2/partners/members", new
        {
            user_name = userName, password = DefaultPassword, display_name = "Member " + userName, role_ids = roleIds,
        }, partner.Token)).ReadJsonAsync(HttpStatusCode.Created);
        return new MemberSession(member.GetProperty("member_id").GetGuid(), userName, await LoginAsync(userName, DefaultPassword));
    }

    /// <summary>A customer signs up on its own (no partner) and signs in.</summary>
    public async Task<CustomerSession> RegisterCustomerAccountAsync(string? email = null)
    {
        var name = UniqueName("cu");
        var body = await (await PostAsync("/v2/auth/customers/register", new { domain_name = name, password = DefaultPassword, email }))
            .ReadJsonAsync(HttpStatusCode.Created);
        return new CustomerSession(body.GetProperty("domain_id").GetGuid(), name, await LoginAsync(name, DefaultPassword));
    }

    public async Task<CustomerSession> SignInAgainAsync(CustomerSession customer) =>
        customer with { Token = await LoginAsync(customer.UserName, DefaultPassword) };

    /// <summary>Pre-registers a prospect and answers its registration id.</summary>
    public async Task<Guid> RegisterProspectAsync(PartnerSession partner, string? email = null, string? mobile = null, string? company = null, string? type = null)
    {
        var response = await PostAsync("/v2/partners/sub-customers/registrations", new
        {
            company_name = company ?? "Prospect " + Guid.NewGuid().ToString("N")[..10],
            contact_name = "Li Lei",
            mobile_phone = mobile ?? (email is null ? UniqueMobile() : null),
            email,
            association_type = type,
        }, partner.Token);
        return (await response.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("registration_id").GetGuid();
    }

    /// <summary>An offline invitation's link token.</summary>
    public async Task<string> OfflineInvitationTokenAsync(PartnerSession partner, string? type = null)
    {
        var body = await (await PostAsync("/v2/partners/sub-customers/offline-invitations", new { association_type = type }, partner.Token))
            .ReadJsonAsync(HttpStatusCode.Created);
        return TokenOf(body.GetProperty("link").GetString()!);
    }

    public static string TokenOf(string link) => Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

    /// <summary>Accepts the link and, as a client does, the documents in force it read first.</summary>
    public async Task<HttpResponseMessage> AcceptInvitationAsync(CustomerSession customer, string token) =>
        await PostAsync("/v2/partners/sub-customers/me/invitations/accept", new { token, accepted_documents = await DocumentsInForceAsync(customer.Token) }, customer.Token);

    /// <summary>The consent documents in force as <c>{kind, version}</c>.</summary>
    public async Task<IReadOnlyList<object>> DocumentsInForceAsync(string token)
    {
        var body = await (await GetAsync("/v2/partners/sub-customers/consent-documents", token)).ReadJsonAsync(HttpStatusCode.OK);
        return [.. body.GetProperty("documents").EnumerateArray().Select(d => new { kind = d.GetProperty("kind").GetString(), version = d.GetProperty("version").GetString() })];
    }

    /// <summary>A self-registered customer associated with the partner through an offline invitation.</summary>
    public async Task<CustomerSession> AssociatedCustomerAsync(PartnerSession partner, string type = "reseller")
    {
        var customer = await RegisterCustomerAccountAsync(UniqueEmail());
        (await AcceptInvitationAsync(customer, await OfflineInvitationTokenAsync(partner, type))).EnsureSuccessStatusCode();
        return customer;
    }

    /// <summary>Sends a code by SMS and reads it from the notification sink.</summary>
    public async Task<string> SendSmsCodeAsync(string token, string mobile, int? timeout = null)
    {
        var response = await PostAsync("/v2/bases/verificationcode/send", new { receiver_type = 1, mobile_phone = mobile, timeout }, token);
        await response.ReadJsonAsync(HttpStatusCode.OK);
        return factory.Notifications.LatestCode(mobile);
    }

    /// <summary>Creates a customer (email only, no mobile) and answers its id.</summary>
    public async Task<Guid> CreateCustomerAsync(PartnerSession partner, string? xaccountId = null, bool waitForAssociation = true)
    {
        var response = await PostAsync("/v2/partners/sub-customers", new
        {
            xaccount_id = xaccountId ?? Guid.NewGuid().ToString("N"),
            xaccount_type = "test_idp",
            email = UniqueEmail(),
            password = DefaultPassword,
            include_association_result = waitForAssociation,
        }, partner.Token);
        var body = await response.ReadJsonAsync(HttpStatusCode.Created);
        if (waitForAssociation)
        {
            Assert.Equal("associated", body.GetProperty("association_result").GetProperty("status").GetString());
        }

        return body.GetProperty("domain_id").GetGuid();
    }
}

public sealed record PartnerSession(Guid PartnerId, string UserName, string Token);

public sealed record MemberSession(Guid MemberId, string UserName, string Token);

public sealed record CustomerSession(Guid CustomerId, string UserName, string Token);

/// <summary>The suite's short forms of <see cref="ProblemAssert"/>.</summary>
public static class ResponseAssertions
{
    /// <summary>Asserts a success with <paramref name="expected"/>; returns the body.</summary>
    public static Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response, HttpStatusCode expected) => ProblemAssert.IsSuccess(response, expected);

    /// <summary>Asserts a problem with the error code (and its status when given).</summary>
    public static Task<JsonElement> AssertErrorAsync(this HttpResponseMessage response, string errorCode, HttpStatusCode? status = null) =>
        ProblemAssert.IsProblem(response, status ?? response.StatusCode, errorCode);
}
