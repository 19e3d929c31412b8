using Identity.Api;
using Identity.Tests.Support;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Tests;

/// <summary>
/// Every validation rule and every error code of identity-api, one row each, asserted by code. Rows
/// that need state build it in their arrange step; the coverage test keeps the table complete.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class BadInputTests(SharedApi shared)
{
    private const string Create = "/v2/partners/sub-customers";
    private const string Check = "/v2/partners/sub-customers/users/check-identity";
    private const string Send = "/v2/bases/verificationcode/send";
    private const string Query = "/v2/partners/sub-customers/query";

    /// <summary>One bad request: its name, the code it must answer, and how to make it.</summary>
    public sealed record Case(string Name, string Code, Func<Context, Task<HttpResponseMessage>> Act)
    {
        public override string ToString() => Name;
    }

    public sealed record Context(Scenario Api, PartnerSession Partner);

    private static readonly string Pw = Scenario.DefaultPassword;

    private static object NewCustomer(object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["xaccount_id"] = Guid.NewGuid().ToString("N"), ["xaccount_type"] = "t" };
        foreach (var property in extra?.GetType().GetProperties() ?? [])
        {
            body[property.Name] = property.GetValue(extra);
        }

        return body;
    }

    private static Case CreateCase(string name, string code, object fields) => new(name, code, c => c.Api.PostAsync(Create, NewCustomer(fields), c.Partner.Token));

    private static Case RegisterCase(string name, string code, object body) => new(name, code, c => c.Api.PostAsync("/v2/partners/profile/register", body));

    public static readonly IReadOnlyList<Case> Cases =
    [
        // Account names (CBC.99000031): 5–32, letter or '-' first, then letters, digits, '_', '-'; not op_/shadow_; not all digits.
        CreateCase("name shorter than 5", "CBC.99000031", new { domain_name = "abcd" }),
        CreateCase("name longer than 32", "CBC.99000031", new { domain_name = "a" + new string('b', 32) }),
        CreateCase("name starting with a digit", "CBC.99000031", new { domain_name = "1abcdef" }),
        CreateCase("name starting with underscore", "CBC.99000031", new { domain_name = "_abcdef" }),
        CreateCase("name with a dot", "CBC.99000031", new { domain_name = "abc.def" }),
        CreateCase("name with a space", "CBC.99000031", new { domain_name = "abc def" }),
        CreateCase("name starting with op_", "CBC.99000031", new { domain_name = "op_customer" }),
        CreateCase("name starting with shadow_", "CBC.99000031", new { domain_name = "shadow_customer" }),
        CreateCase("name with Chinese characters", "CBC.99000031", new { domain_name = "客户名称很长啊" }),
        new("check-identity with a bad name", "CBC.99000031", c => c.Api.PostAsync(Check, new { search_type = "name", search_value = "1234567" }, c.Partner.Token)),
        RegisterCase("partner user name with a dot", "CBC.99000031", new { user_name = "a.bcde", password = Pw, company_name = "C", email = "a@example.com" }),

        // Mobiles (CBC.5017): ^\d{4}-\d+$, 0086 only.
        CreateCase("mobile without country code", "CBC.5017", new { mobile_phone = "13800138000", verification_code = "123456" }),
        CreateCase("mobile with +86", "CBC.5017", new { mobile_phone = "+86-13800138000", verification_code = "123456" }),
        CreateCase("mobile of another country", "CBC.5017", new { mobile_phone = "0044-7700900123", verification_code = "123456" }),
        CreateCase("mobile too short", "CBC.5017", new { mobile_phone = "0086-138001", verification_code = "123456" }),
        CreateCase("mobile with letters", "CBC.5017", new { mobile_phone = "0086-1380013800a", verification_code = "123456" }),
        new("send code to a bad mobile", "CBC.5017", c => c.Api.PostAsync(Send, new { receiver_type = 1, mobile_phone = "0086-123" }, c.Partner.Token)),
        new("check-identity with a bad mobile", "CBC.5017", c => c.Api.PostAsync(Check, new { search_type = "mobile", search_value = "86-13800138000" }, c.Partner.Token)),

        // Passwords (CBC.99000036): 8–32, two classes, not the name or its reverse, not containing the mobile.
        CreateCase("password shorter than 8", "CBC.99000036", new { email = Scenario.UniqueEmail(), password = "Ab1-xyz" }),
        CreateCase("password longer than 32", "CBC.99000036", new { email = Scenario.UniqueEmail(), password = "Ab1-" + new string('x', 29) }),
        CreateCase("password of one class", "CBC.99000036", new { email = Scenario.UniqueEmail(), password = "abcdefghij" }),
        CreateCase("password equal to the name", "CBC.99000036", new { domain_name = "Name-12345", password = "name-12345" }),
        CreateCase("password the reverse of the name", "CBC.99000036", new { domain_name = "abc-12345", password = "54321-cba" }),
        CreateCase("password containing the mobile", "CBC.99000036", new { mobile_phone = "0086-13800138000", verification_code = "123456", password = "x13800138000" }),
        CreateCase("password with a space", "CBC.99000036", new { email = Scenario.UniqueEmail(), password = "Abcd 12345" }),
        RegisterCase("partner password of one class", "CBC.99000036", new { user_name = Scenario.UniqueName("p"), password = "12345678", company_name = "C", email = "a@example.com" }),
        new("new password breaking the rules", "CBC.99000036", c => c.Api.PostAsync("/v2/auth/password", new { current_password = Pw, new_password = "aaaaaaaaaa" }, c.Partner.Token)),

        // Other create-customer fields (CBC.0100).
        new("xaccount_id missing", "CBC.0100", c => c.Api.PostAsync(Create, new { xaccount_type = "t" }, c.Partner.Token)),
        CreateCase("xaccount_id over 128", "CBC.0100", new { xaccount_id = new string('x', 129) }),
        new("xaccount_type missing", "CBC.0100", c => c.Api.PostAsync(Create, new { xaccount_id = "x1" }, c.Partner.Token)),
        CreateCase("email without @", "CBC.0100", new { email = "not-an-email" }),
        CreateCase("mobile without verification code", "CBC.0100", new { mobile_phone = Scenario.UniqueMobile() }),
        CreateCase("verification code of 5 digits", "CBC.0100", new { mobile_phone = Scenario.UniqueMobile(), verification_code = "12345" }),
        CreateCase("verification code with letters", "CBC.0100", new { mobile_phone = Scenario.UniqueMobile(), verification_code = "12a456" }),
        new("body that is not JSON", "CBC.0100", c => c.Api.PostAsync(Create, new StringContent("{", System.Text.Encoding.UTF8, "application/json"), c.Partner.Token)),
        new("indirect_partner_id that is not a uuid", "CBC.0100", c => c.Api.PostAsync(Create, new { xaccount_id = "x", xaccount_type = "t", indirect_partner_id = "nope" }, c.Partner.Token)),

        // Check identity, verification codes.
        new("check-identity with an unknown search_type", "CBC.0100", c => c.Api.PostAsync(Check, new { search_type = "phone", search_value = "x" }, c.Partner.Token)),
        new("check-identity without a value", "CBC.0100", c => c.Api.PostAsync(Check, new { search_type = "email" }, c.Partner.Token)),
        new("check-identity with a bad email", "CBC.0100", c => c.Api.PostAsync(Check, new { search_type = "email", search_value = "x@" }, c.Partner.Token)),
        new("send code with receiver_type 3", "CBC.0100", c => c.Api.PostAsync(Send, new { receiver_type = 3, mobile_phone = Scenario.UniqueMobile() }, c.Partner.Token)),
        new("send SMS code without a mobile", "CBC.0100", c => c.Api.PostAsync(Send, new { receiver_type = 1 }, c.Partner.Token)),
        new("send email code with a bad email", "CBC.0100", c => c.Api.PostAsync(Send, new { receiver_type = 2, email = "nope" }, c.Partner.Token)),
        new("send code in an unknown language", "CBC.0100", c => c.Api.PostAsync(Send, new { receiver_type = 2, email = Scenario.UniqueEmail(), lang = "fr-fr" }, c.Partner.Token)),
        new("send code with timeout 0", "CBC.0101", c => c.Api.PostAsync(Send, new { receiver_type = 2, email = Scenario.UniqueEmail(), timeout = 0 }, c.Partner.Token)),
        new("negative arrears", "CBC.0101", async c => await c.Api.PutAsync(
            $"/v2/vendor/partners/customers/{Guid.NewGuid()}/account-facts", new { arrears_amount = -1m }, await c.Api.LoginVendorAdminAsync())),

        // Paging and filters (CBC.0100, never clamped).
        new("query with a negative offset", "CBC.0100", c => c.Api.PostAsync(Query, new { offset = -1 }, c.Partner.Token)),
        new("query with limit 0", "CBC.0100", c => c.Api.PostAsync(Query, new { limit = 0 }, c.Partner.Token)),
        new("query with limit 101", "CBC.0100", c => c.Api.PostAsync(Query, new { limit = 101 }, c.Partner.Token)),
        new("query with begin after end", "CBC.0100", c => c.Api.PostAsync(Query, new { associated_on_begin = "2026-02-01T00:00:00Z", associated_on_end = "2026-01-01T00:00:00Z" }, c.Partner.Token)),
        new("query with an unknown association type", "CBC.0100", c => c.Api.PostAsync(Query, new { association_type = "partner" }, c.Partner.Token)),
        new("query with a timestamp without offset", "CBC.0100", c => c.Api.PostAsync(Query, new { associated_on_begin = "2026-02-01T00:00:00" }, c.Partner.Token)),
        new("list with a non-integer limit", "CBC.0100", c => c.Api.GetAsync("/v2/partners/sub-customers/registrations?limit=ten", c.Partner.Token)),
        new("warnings with an unknown status", "CBC.0100", c => c.Api.GetAsync("/v2/partners/sub-customers/warnings?status=burning", c.Partner.Token)),

        // Pre-registration, invitations, members, partners (CBC.0100).
        new("pre-registration without company", "CBC.0100", c => c.Api.PostAsync("/v2/partners/sub-customers/registrations", new { contact_name = "a", email = Scenario.UniqueEmail() }, c.Partner.Token)),
        new("pre-registration without mobile or email", "CBC.0100", c => c.Api.PostAsync("/v2/partners/sub-customers/registrations", new { company_name = "a", contact_name = "b" }, c.Partner.Token)),
        new("pre-registration with a bad mobile", "CBC.5017", c => c.Api.PostAsync("/v2/partners/sub-customers/registrations", new { company_name = "a", contact_name = "b", mobile_phone = "123" }, c.Partner.Token)),
        new("previewing a link without a token", "CBC.0100", c => c.Api.GetAsync("/v2/partners/sub-customers/invitations/preview")),
        new("accepting without a token", "CBC.0100", async c => await c.Api.PostAsync("/v2/partners/sub-customers/me/invitations/accept", new { }, (await c.Api.RegisterCustomerAccountAsync()).Token)),
        new("authorisation without purpose", "CBC.0100", c => c.Api.PostAsync($"/v2/partners/sub-customers/{Guid.NewGuid()}/authorisations", new { }, c.Partner.Token)),
        new("closing a warning without a note", "CBC.0100", c => c.Api.PostAsync($"/v2/partners/sub-customers/warnings/{Guid.NewGuid()}/close", new { note = " " }, c.Partner.Token)),
        new("revealing an unknown field", "CBC.0100", c => c.Api.PostAsync($"/v2/partners/sub-customers/{Guid.NewGuid()}/reveal", new { field = "password" }, c.Partner.Token)),
        new("role with an unknown permission item", "CBC.0100", c => c.Api.PostAsync("/v2/partners/members/roles", new { name = "r", permissions = new[] { "x.y" } }, c.Partner.Token)),
        new("member without display name", "CBC.0100", c => c.Api.PostAsync("/v2/partners/members", new { user_name = Scenario.UniqueName("m"), password = Pw }, c.Partner.Token)),
        new("member invitation to a bad email", "CBC.0100", c => c.Api.PostAsync("/v2/partners/members/invitations", new { channel = "email", address = "x" }, c.Partner.Token)),
        new("member invitation to a bad mobile", "CBC.5017", c => c.Api.PostAsync("/v2/partners/members/invitations", new { channel = "mobile", address = "x" }, c.Partner.Token)),
        new("joining an unknown programme", "CBC.0100", c => c.Api.PostAsync("/v2/partners/profile/programmes", new { programme = "platinum" }, c.Partner.Token)),
        new("certification without tax id", "CBC.0100", c => c.Api.PostAsync("/v2/partners/profile/business-certification", new { bank_name = "b", bank_account_name = "n", bank_account_number = "1" }, c.Partner.Token)),
        new("partner registration without company", "CBC.0100", c => c.Api.PostAsync("/v2/partners/profile/register", new { user_name = Scenario.UniqueName("p"), password = Pw, email = "a@example.com" })),
        new("partner registration with a bad region", "CBC.0100", c => c.Api.PostAsync("/v2/partners/profile/register", new { user_name = Scenario.UniqueName("p"), password = Pw, company_name = "C", email = "a@example.com", region = "CN North" })),
        new("login without password", "CBC.0100", c => c.Api.PostAsync("/v2/auth/login", new { username = c.Partner.UserName })),
        new("capability tag with capitals and spaces", "CBC.0100", async c => await c.Api.PostAsync($"/v2/vendor/partners/{c.Partner.PartnerId}/capability-tags", new { tag = "Big Data!" }, await c.Api.LoginVendorAdminAsync())),

        // State-dependent codes of the registration API.
        new("name exists", "CBC.99000038", c => c.Api.PostAsync(Create, NewCustomer(new { domain_name = c.Partner.UserName }), c.Partner.Token)),
        new("xaccount_id reused with other data", "CBC.99000039", async c =>
        {
            var body = new { xaccount_id = Guid.NewGuid().ToString("N"), xaccount_type = "t", email = Scenario.UniqueEmail() };
            (await c.Api.PostAsync(Create, body, c.Partner.Token)).EnsureSuccessStatusCode();
            return await c.Api.PostAsync(Create, body with { xaccount_type = "other" }, c.Partner.Token);
        }),
        new("mobile exists for this partner", "CBC.99000029", async c =>
        {
            var mobile = Scenario.UniqueMobile();
            (await c.Api.PostAsync(Create, NewCustomer(new { mobile_phone = mobile, verification_code = await c.Api.SendSmsCodeAsync(c.Partner.Token, mobile) }), c.Partner.Token)).EnsureSuccessStatusCode();
            return await c.Api.PostAsync(Create, NewCustomer(new { mobile_phone = mobile, verification_code = await c.Api.SendSmsCodeAsync(c.Partner.Token, mobile) }), c.Partner.Token);
        }),
        new("email exists", "CBC.99000032", async c =>
        {
            var email = Scenario.UniqueEmail();
            (await c.Api.PostAsync(Create, NewCustomer(new { email }), c.Partner.Token)).EnsureSuccessStatusCode();
            return await c.Api.PostAsync(Create, NewCustomer(new { email }), c.Partner.Token);
        }),
        new("wrong verification code", "CBC.99004010", c => c.Api.PostAsync(Create, NewCustomer(new { mobile_phone = Scenario.UniqueMobile(), verification_code = "123456" }), c.Partner.Token)),
        new("distributor creating a customer directly", "CBC.50010059", async c =>
        {
            var distributor = await c.Api.GrantProgrammeAsync(await c.Api.RegisterPartnerAsync(), "distributor");
            return await c.Api.PostAsync(Create, NewCustomer(new { email = Scenario.UniqueEmail() }), distributor.Token);
        }),
        new("pre-registering a protected customer", "CBC.99000051", async c =>
        {
            var email = Scenario.UniqueEmail();
            await c.Api.RegisterProspectAsync(await c.Api.RegisterPartnerAsync(), email: email);
            return await c.Api.PostAsync("/v2/partners/sub-customers/registrations", new { company_name = "Z", contact_name = "Z", email }, c.Partner.Token);
        }),
        new("online invitation without email", "CBC.99000057", async c =>
            await c.Api.PostAsync($"/v2/partners/sub-customers/registrations/{await c.Api.RegisterProspectAsync(c.Partner)}/invitations", null, c.Partner.Token)),
        new("accepting a forged link", "CBC.99000053", async c => await c.Api.AcceptInvitationAsync(await c.Api.RegisterCustomerAccountAsync(), "forged")),
        new("previewing a forged customer link", "CBC.99000053", c => c.Api.GetAsync("/v2/partners/sub-customers/invitations/preview?token=forged")),
        new("previewing a forged member link", "CBC.99000053", c => c.Api.GetAsync("/v2/partners/members/invitations/preview?token=forged")),
        new("accepting while associated", "CBC.99000056", async c =>
            await c.Api.AcceptInvitationAsync(await c.Api.AssociatedCustomerAsync(c.Partner), await c.Api.OfflineInvitationTokenAsync(await c.Api.RegisterPartnerAsync()))),
        new("disassociating with arrears", "CBC.99000059", async c =>
        {
            var customer = await c.Api.AssociatedCustomerAsync(c.Partner);
            (await c.Api.PutAsync($"/v2/vendor/partners/customers/{customer.CustomerId}/account-facts", new { unpaid_partner_orders = true }, await c.Api.LoginVendorAdminAsync())).EnsureSuccessStatusCode();
            return await c.Api.PostAsync($"/v2/partners/sub-customers/{customer.CustomerId}/disassociation", null, c.Partner.Token);
        }),
        new("disassociating twice within 3 months", "CBC.99000058", async c =>
        {
            var customer = await c.Api.AssociatedCustomerAsync(c.Partner);
            (await c.Api.PostAsync("/v2/partners/sub-customers/me/disassociation", null, customer.Token)).EnsureSuccessStatusCode();
            (await c.Api.AcceptInvitationAsync(customer, await c.Api.OfflineInvitationTokenAsync(c.Partner))).EnsureSuccessStatusCode();
            return await c.Api.PostAsync("/v2/partners/sub-customers/me/disassociation", null, customer.Token);
        }),
        new("inviting a pending address again", "CBC.99000061", async c =>
        {
            var address = Scenario.UniqueMobile();
            (await c.Api.PostAsync("/v2/partners/members/invitations", new { channel = "mobile", address }, c.Partner.Token)).EnsureSuccessStatusCode();
            return await c.Api.PostAsync("/v2/partners/members/invitations", new { channel = "mobile", address }, c.Partner.Token);
        }),
        new("signing in with a wrong password", "CBC.99001001", c => c.Api.PostAsync("/v2/auth/login", new { username = c.Partner.UserName, password = "Wrong-pass1" })),
        new("refreshing with garbage", "CBC.99001003", c => c.Api.PostAsync("/v2/auth/refresh", new { refresh_token = "garbage" })),
        new("changing the password with a wrong current one", "CBC.99001004", c => c.Api.PostAsync("/v2/auth/password", new { current_password = "Wrong-pass1", new_password = "Good-pass1" }, c.Partner.Token)),

        // Generic codes.
        new("no token", "CBC.0154", c => c.Api.PostAsync(Query, new { })),
        new("a customer calling a partner API", "CBC.0151", async c => await c.Api.PostAsync(Query, new { }, (await c.Api.RegisterCustomerAccountAsync()).Token)),
        new("a partner calling a vendor API", "CBC.0151", c => c.Api.GetAsync("/v2/vendor/partners", c.Partner.Token)),
        new("a member without the permission item", "CBC.0155", async c =>
            await c.Api.PostAsync(Create, NewCustomer(new { email = Scenario.UniqueEmail() }), (await c.Api.CreateMemberAsync(c.Partner)).Token)),
        new("an unknown customer", "CBC.0156", c => c.Api.GetAsync($"/v2/partners/sub-customers/{Guid.NewGuid()}", c.Partner.Token)),
        new("an update without If-Match", "CBC.0157", async c =>
            await c.Api.PutAsync($"/v2/partners/sub-customers/registrations/{await c.Api.RegisterProspectAsync(c.Partner)}/email", new { email = Scenario.UniqueEmail() }, c.Partner.Token)),
        new("joining a programme twice", "CBC.0150", async c =>
        {
            (await c.Api.PostAsync("/v2/partners/profile/programmes", new { programme = "gov_subsidy" }, c.Partner.Token)).EnsureSuccessStatusCode();
            return await c.Api.PostAsync("/v2/partners/profile/programmes", new { programme = "gov_subsidy" }, c.Partner.Token);
        }),
        new("an idempotency key reused with another body", "CBC.0158", async c =>
        {
            var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString("N") };
            (await c.Api.PostAsync(Create, NewCustomer(new { email = Scenario.UniqueEmail() }), c.Partner.Token, key)).EnsureSuccessStatusCode();
            return await c.Api.PostAsync(Create, NewCustomer(new { email = Scenario.UniqueEmail() }), c.Partner.Token, key);
        }),
    ];

    public static IEnumerable<object[]> Rows() => Cases.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task A_bad_request_answers_its_error_code(Case bad)
    {
        var partner = await shared.Api.RegisterPartnerAsync();
        using var response = await bad.Act(new Context(shared.Api, partner));
        var problem = await response.AssertErrorAsync(bad.Code);
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("error_msg").GetString()));
    }

    /// <summary>The codes other suites assert on their own: limits and lifetimes that need many calls or a clock.</summary>
    private static readonly string[] CoveredElsewhere =
    [
        "CBC.99000030", // A_mobile_number_carries_at_most_five_customer_accounts
        "CBC.99004008", // A_code_expires_after_its_lifetime
        "CBC.99004009", // Three_wrong_codes_kill_the_code_even_for_the_right_one_afterwards
        "CBC.99004015", // The_sixteenth_code_within_an_hour_is_refused_and_allowed_again_an_hour_later
        "CBC.99000052", // A_partner_holds_at_most_one_hundred_pending_pre_registrations
        "CBC.99000054", // An_online_link_expires_after_seven_days
        "CBC.99000055", // An_online_invitation_needs_an_email_and_associates_the_customer_who_accepts_it_once
        "CBC.99000060", // An_administrator_sends_at_most_one_hundred_invitations_a_day
        "CBC.99001002", // Five_failed_sign_ins_lock_the_account_even_for_the_right_password
        "CBC.99001010", // With_several_accounts_on_the_mobile_the_caller_chooses_a_masked_user_name_and_only_that_account_changes
        // SAML single sign-on: Sso/SamlSsoTests (metadata, responses, codes) and Sso/SamlWithoutKeyTests (CBC.99001048)
        "CBC.99001030", "CBC.99001031", "CBC.99001032", "CBC.99001033", "CBC.99001034", "CBC.99001035", "CBC.99001036",
        "CBC.99001037", "CBC.99001038", "CBC.99001039", "CBC.99001040", "CBC.99001041", "CBC.99001042", "CBC.99001043",
        "CBC.99001044", "CBC.99001045", "CBC.99001046", "CBC.99001047", "CBC.99001048", "CBC.99001049",
        "CBC.99001050", // A_join_without_every_acceptance_is_refused_and_writes_nothing
        "CBC.99001051", // A_join_with_a_version_not_in_force_is_refused
        "CBC.99001052", // Only_a_pdm_or_ecosystem_manager_staff_account_can_be_assigned
        "CBC.99001053", // Certificates_are_validated_with_codes
        "CBC.99001054", // Certificates_are_validated_with_codes
        "CBC.99001055", // Certificates_are_validated_with_codes
    ];

    [Fact]
    public void Every_error_code_of_the_service_is_asserted_by_a_row_or_a_named_test()
    {
        string[] generic = ["CBC.0100", "CBC.0101", "CBC.0150", "CBC.0151", "CBC.0154", "CBC.0155", "CBC.0156", "CBC.0157", "CBC.0158"];
        var expected = IdentityErrors.All.Select(e => e.Code).Concat(generic).ToHashSet(StringComparer.Ordinal);
        var covered = Cases.Select(c => c.Code).Concat(CoveredElsewhere).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(expected.Except(covered).Order(StringComparer.Ordinal));
        Assert.Empty(covered.Except(expected).Order(StringComparer.Ordinal));
        Assert.Contains(ErrorCodes.InvalidParameter.Code, covered);
    }
}
