using System.Net;
using System.Text;
using Identity.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Identity.Tests;

/// <summary>
/// Every endpoint that takes an id in its route, called by another tenant with the owner's ids:
/// 404 CBC.0156 (403 CBC.0151 for the vendor's routes) and not one row changed. The matrix is built
/// from the service's own endpoint list, so a new endpoint joins it by itself.
/// </summary>
public sealed class TenantIsolationTests(IdentityApiFactory factory) : IClassFixture<IdentityApiFactory>
{
    /// <summary>Valid bodies by endpoint name, so validation never answers before the ownership check.</summary>
    private static readonly Dictionary<string, Func<Owner, object?>> Bodies = new(StringComparer.Ordinal)
    {
        ["RequestCustomerAuthorisation"] = _ => new { purpose = "share_with_vendor" },
        ["AssignAccountManager"] = o => new { member_id = o.IntruderAccountId },
        ["CloseCustomerWarning"] = _ => new { note = "not mine" },
        ["AddProspectEmail"] = _ => new { email = Scenario.UniqueEmail() },
        ["AssignMemberRoles"] = _ => new { role_ids = Array.Empty<Guid>() },
        ["UpdateRole"] = _ => new { name = "taken-over", permissions = Array.Empty<string>() },
        ["VendorSetPathStage"] = _ => new { path_stage = "role_certified" },
        ["VendorGrantCapabilityTag"] = _ => new { tag = "intruder" },
        ["VendorGrantProgramme"] = _ => new { programme = "gov_subsidy" },
        ["VendorRejectBankLetter"] = _ => new { note = "no" },
        ["RecordCustomerAccountFacts"] = _ => new { arrears_amount = 5m },
        ["RevealCustomerField"] = _ => new { field = "email" },
        ["VendorAssignEcosystemManager"] = o => new { staff_account_id = o.IntruderAccountId, email = Scenario.UniqueEmail() },
    };

    private static readonly string[] Bodyless =
    [
        "GetCustomer", "ListCustomerAuthorisations", "DisassociateCustomer", "GetCustomerCapabilities", "GetProspect", "SendOnlineInvitation",
        "GetOfflineInvitationQrCode", "GetMember", "ApproveAuthorisationRequest", "RefuseAuthorisationRequest", "VendorGetPartner",
        "VendorExpireProgramme", "VendorApproveBankLetter",
        "VendorRemoveEcosystemManager", "VendorListEcosystemManagers", "VendorListCustomerConsents", "LeavePartnerOrganisation",
    ];

    public sealed record Owner(
        Guid PartnerId, Guid CustomerId, Guid RegistrationId, Guid InvitationId, Guid WarningId, Guid MemberId, Guid RoleId, Guid AuthorisationId,
        Guid IntruderAccountId);

    [Fact]
    public async Task Another_tenants_ids_answer_not_found_on_every_endpoint_and_change_nothing()
    {
        var api = factory.Api;
        var (owner, intruder, intruderCustomer) = await ArrangeAsync(api);
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Count > 0 && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .ToList();
        Assert.True(endpoints.Count >= 20, $"Only {endpoints.Count} endpoints take ids: the endpoint list was not read.");

        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? endpoint.RoutePattern.RawText!;
            var method = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Single();
            if (!Bodies.ContainsKey(name) && !Bodyless.Contains(name))
            {
                failures.Add($"{name}: no sample request; add it to the matrix.");
                continue;
            }

            var path = Fill(endpoint.RoutePattern.RawText!, owner);
            var vendorRoute = path.StartsWith("/v2/vendor/", StringComparison.Ordinal);
            var token = path.Contains("/me/", StringComparison.Ordinal) ? intruderCustomer.Token : intruder.Token;
            var before = await SnapshotAsync();
            using var response = await api.SendAsync(
                new HttpMethod(method), path, Bodies.TryGetValue(name, out var body) ? body(owner) : null, token, new Dictionary<string, string> { ["If-Match"] = "\"1\"" });
            var text = await response.Content.ReadAsStringAsync();
            var (status, code) = vendorRoute ? (HttpStatusCode.Forbidden, "CBC.0151") : (HttpStatusCode.NotFound, "CBC.0156");
            if (response.StatusCode != status || !text.Contains($"\"error_code\":\"{code}\"", StringComparison.Ordinal))
            {
                failures.Add($"{method} {path} ({name}): expected {(int)status} {code}, got {(int)response.StatusCode} {text}");
            }

            if (await SnapshotAsync() != before)
            {
                failures.Add($"{method} {path} ({name}): the database changed.");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Another_tenants_ids_inside_bodies_answer_not_found_and_change_nothing()
    {
        var api = factory.Api;
        var (owner, intruder, _) = await ArrangeAsync(api);
        var ownCustomer = await api.AssociatedCustomerAsync(intruder);
        var ownMember = await api.CreateMemberAsync(intruder);
        var cases = new (string Name, HttpMethod Method, string Path, object Body)[]
        {
            ("account manager from another partner", HttpMethod.Put, $"/v2/partners/sub-customers/{ownCustomer.CustomerId}/account-manager", new { member_id = owner.MemberId }),
            ("role of another partner", HttpMethod.Put, $"/v2/partners/members/{ownMember.MemberId}/roles", new { role_ids = new[] { owner.RoleId } }),
            ("new member with another partner's role", HttpMethod.Post, "/v2/partners/members",
                new { user_name = Scenario.UniqueName("m"), password = Scenario.DefaultPassword, display_name = "M", role_ids = new[] { owner.RoleId } }),
            ("customers of an unlinked reseller", HttpMethod.Post, "/v2/partners/sub-customers/query", new { indirect_partner_id = owner.PartnerId }),
            ("customer for an unlinked reseller", HttpMethod.Post, "/v2/partners/sub-customers",
                new { xaccount_id = "x", xaccount_type = "t", email = Scenario.UniqueEmail(), indirect_partner_id = owner.PartnerId }),
        };

        foreach (var (name, method, path, body) in cases)
        {
            var before = await SnapshotAsync();
            using var response = await api.SendAsync(method, path, body, intruder.Token, null);
            await response.AssertErrorAsync("CBC.0156", HttpStatusCode.NotFound);
            Assert.True(await SnapshotAsync() == before, $"{name}: the database changed.");
        }
    }

    private static async Task<(Owner Owner, PartnerSession Intruder, CustomerSession IntruderCustomer)> ArrangeAsync(Scenario api)
    {
        var partner = await api.RegisterPartnerAsync();
        var customer = await api.AssociatedCustomerAsync(partner);
        var registration = await api.RegisterProspectAsync(partner);
        var offline = await (await api.PostAsync("/v2/partners/sub-customers/offline-invitations", new { }, partner.Token)).ReadJsonAsync(HttpStatusCode.Created);
        var member = await api.CreateMemberAsync(partner, "coupons.issue");
        var role = await (await api.PostAsync("/v2/partners/members/roles", new { name = "r", permissions = new[] { "coupons.issue" } }, partner.Token))
            .ReadJsonAsync(HttpStatusCode.Created);
        var authorisation = await (await api.PostAsync($"/v2/partners/sub-customers/{customer.CustomerId}/authorisations", new { purpose = "share_with_vendor" }, partner.Token))
            .ReadJsonAsync(HttpStatusCode.Created);
        var vendor = await api.LoginVendorAdminAsync();
        await (await api.PutAsync($"/v2/vendor/partners/customers/{customer.CustomerId}/account-facts", new { balance = 1m }, vendor)).ReadJsonAsync(HttpStatusCode.OK);
        await (await api.PostAsync("/v2/vendor/partners/customer-warnings/refresh", null, vendor)).ReadJsonAsync(HttpStatusCode.OK);
        var warnings = await (await api.GetAsync("/v2/partners/sub-customers/warnings", partner.Token)).ReadJsonAsync(HttpStatusCode.OK);

        var intruder = await api.RegisterPartnerAsync();
        var intruderMe = await (await api.GetAsync("/v2/auth/me", intruder.Token)).ReadJsonAsync(HttpStatusCode.OK);
        var intruderCustomer = await api.AssociatedCustomerAsync(intruder);
        var owner = new Owner(
            partner.PartnerId,
            customer.CustomerId,
            registration,
            offline.GetProperty("invitation_id").GetGuid(),
            warnings.GetProperty("warnings")[0].GetProperty("warning_id").GetGuid(),
            member.MemberId,
            role.GetProperty("role_id").GetGuid(),
            authorisation.GetProperty("authorisation_id").GetGuid(),
            Guid.Parse(intruderMe.GetProperty("user_id").GetString()!));
        return (owner, intruder, intruderCustomer);
    }

    private static string Fill(string pattern, Owner owner)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["partnerId"] = owner.PartnerId.ToString(),
            ["customerId"] = owner.CustomerId.ToString(),
            ["registrationId"] = owner.RegistrationId.ToString(),
            ["invitationId"] = owner.InvitationId.ToString(),
            ["warningId"] = owner.WarningId.ToString(),
            ["memberId"] = owner.MemberId.ToString(),
            ["roleId"] = owner.RoleId.ToString(),
            ["authorisationId"] = owner.AuthorisationId.ToString(),
            ["programme"] = "gov_subsidy",
        };
        var path = new StringBuilder();
        foreach (var segment in pattern.Split('/'))
        {
            if (segment.Length == 0)
            {
                continue;
            }

            path.Append('/');
            if (segment.StartsWith('{'))
            {
                var name = segment.Trim('{', '}').Split(':')[0];
                path.Append(values.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"No owner id for route parameter '{name}' in {pattern}."));
            }
            else
            {
                path.Append(segment);
            }
        }

        return path.ToString();
    }

    /// <summary>A digest of every business table (the outbox counted, since the relay stamps its rows).</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            """
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
              AND table_name NOT IN ('__EFMigrationsHistory', 'outbox_messages', 'inbox_messages', 'idempotency_keys', 'data_protection_keys', 'warning_refresh_runs')
            ORDER BY table_name
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var digest = new StringBuilder();
        foreach (var table in tables.Append("outbox_messages"))
        {
            var sql = table == "outbox_messages"
                ? "SELECT count(*)::text FROM outbox_messages"
                : $"SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \"{table}\" t";
            await using var command = new NpgsqlCommand(sql, connection);
            digest.Append(table).Append('=').Append(await command.ExecuteScalarAsync()).Append(';');
        }

        return digest.ToString();
    }

}
