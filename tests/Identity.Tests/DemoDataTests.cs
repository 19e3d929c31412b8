using System.Net;
using System.Text.Json;
using Identity.Api.Data;
using Identity.Api.DemoData;
using Identity.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Identity.Tests;

/// <summary>
/// <c>--seed-demo-data</c> run as the AppHost runs it (the built dll in its own process) next to a
/// running identity-api, which associates the demo customers from its queue.
/// </summary>
public sealed class DemoDataTests(IdentityApiFactory factory) : IClassFixture<IdentityApiFactory>
{
    private const string DemoPassword = "Demo7Password8x";

    [Fact]
    public async Task Seeding_twice_creates_the_demo_partners_and_customers_once_and_prints_the_same_accounts()
    {
        var first = await SeedDemoDataRun.StartAsync(factory, DemoPassword);
        Assert.True(first.ExitCode == 0, first.ToString());
        var afterFirst = await SnapshotAsync();

        var second = await SeedDemoDataRun.StartAsync(factory, DemoPassword);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(afterFirst, await SnapshotAsync());
        Assert.Equal(first.LinesStartingWith(SeedDemoDataRun.DemoAccountPrefix), second.LinesStartingWith(SeedDemoDataRun.DemoAccountPrefix));
        var accounts = first.LinesStartingWith(SeedDemoDataRun.DemoAccountPrefix).Select(l => JsonDocument.Parse(l[SeedDemoDataRun.DemoAccountPrefix.Length..]).RootElement).ToList();
        Assert.Equal(
            ["demo-distributor", "demo-reseller-hangzhou", "demo-reseller-suzhou", "demo-solution-provider", "demo-cust-jincheng"],
            accounts.Select(a => a.GetProperty("login").GetString()));
        Assert.All(accounts, a => Assert.Equal(DemoPassword, a.GetProperty("password").GetString()));
        Assert.Contains("【演示】", accounts[0].GetProperty("role").GetString(), StringComparison.Ordinal);

        foreach (var login in accounts.Select(a => a.GetProperty("login").GetString()))
        {
            var signIn = await factory.Api.PostAsync("/v2/auth/login", new { username = login, password = DemoPassword });
            Assert.True(signIn.StatusCode == HttpStatusCode.OK, $"{login}: {await signIn.Content.ReadAsStringAsync()}");
        }

        Assert.Contains($"programme {DemoPartners.Distributor.Id} Distributor Active", afterFirst, StringComparison.Ordinal);
        Assert.Contains($"association {DemoPartners.SolutionProvider.Id} Reseller", afterFirst, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seeding_with_another_password_than_the_accounts_have_fails_and_says_what_to_do()
    {
        var first = await SeedDemoDataRun.StartAsync(factory, DemoPassword);
        Assert.True(first.ExitCode == 0, first.ToString());

        var other = await SeedDemoDataRun.StartAsync(factory, "Other9Password0y");

        Assert.Equal(1, other.ExitCode);
        Assert.Contains("exists with another password", other.Errors, StringComparison.Ordinal);
        Assert.Empty(other.LinesStartingWith(SeedDemoDataRun.DemoAccountPrefix));
    }

    [Fact]
    public async Task Outside_development_seeding_is_refused_and_nothing_is_created()
    {
        await using var fresh = new IdentityApiFactory();
        await fresh.InitializeAsync();

        var run = await SeedDemoDataRun.StartAsync(fresh, DemoPassword, environment: "Production");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Development only", run.Errors, StringComparison.Ordinal);
        await using var scope = fresh.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().Partners.AnyAsync());
        await ((IAsyncLifetime)fresh).DisposeAsync();
    }

    /// <summary>Every row the seeder writes, with the columns a change would touch.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var partners = await db.Partners.AsNoTracking().OrderBy(p => p.Id)
            .Select(p => $"partner {p.Id} {p.CompanyName} {p.UpdatedAt:O} {p.CoExpansionJoinedAt:O}").ToListAsync();
        var programmes = await db.PartnerProgrammes.AsNoTracking().OrderBy(p => p.Id)
            .Select(p => $"programme {p.PartnerId} {p.Programme} {p.Status} {p.JoinedAt:O}").ToListAsync();
        var accounts = await db.Users.AsNoTracking().OrderBy(a => a.Id)
            .Select(a => $"account {a.Id} {a.UserName} {a.PasswordHash} {a.SecurityStamp}").ToListAsync();
        var customers = await db.Customers.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => $"customer {c.Id} {c.AccountName} {c.AssociationStatus}").ToListAsync();
        var associations = await db.Associations.AsNoTracking().OrderBy(a => a.Id)
            .Select(a => $"association {a.PartnerId} {a.Type} {a.CustomerId} {a.AssociatedAt:O}").ToListAsync();
        return string.Join('\n', [.. partners, .. programmes, .. accounts, .. customers, .. associations]);
    }
}
