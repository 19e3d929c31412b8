namespace PartnerPlatform.AppHost.Orchestration;

/// <summary>One row of the "where is everything" table printed once all resources are healthy.</summary>
public sealed record SummaryRow(string Label, string Value, Uri? Url);

internal static class SummaryTable
{
    private const string GatewayName = "gateway";

    public static IReadOnlyList<SummaryRow> Rows(Orchestrator orchestrator)
    {
        var rows = new List<SummaryRow>();
        var projects = orchestrator.Resources.OfType<ProjectResource>().ToList();
        if (orchestrator.DashboardUrl is { } dashboard)
        {
            rows.Add(new SummaryRow("dashboard", dashboard.ToString(), dashboard));
        }

        var gateway = projects.FirstOrDefault(p => p.Name == GatewayName);
        rows.Add(gateway is null
            ? new SummaryRow("gateway", "not declared yet", null)
            : new SummaryRow("gateway", gateway.Url.ToString(), gateway.Url));
        var docs = projects.SelectMany(p => p.Urls.Select(u => (Project: p, Link: u))).FirstOrDefault(x => x.Link.DisplayText == "docs");
        rows.Add(docs.Project is null
            ? new SummaryRow("docs", "not declared yet", null)
            : new SummaryRow("docs", new Uri(docs.Project.Url, docs.Link.Path).ToString(), new Uri(docs.Project.Url, docs.Link.Path)));
        foreach (var project in projects.Where(p => p.Name != GatewayName))
        {
            rows.Add(new SummaryRow(project.Name, project.Url.ToString(), project.Url));
        }

        if (orchestrator.RabbitMq is { ManagementUrl: { } management } rabbit)
        {
            rows.Add(new SummaryRow("RabbitMQ management", $"{management}  (login {rabbit.ManagementUser} / {rabbit.ManagementPassword})", management));
        }

        foreach (var server in orchestrator.Resources.OfType<ServerResource>().Where(s => s is not RabbitMQServerResource))
        {
            var databases = server is PostgresServerResource postgres && postgres.Databases.Count > 0
                ? "  databases: " + string.Join(", ", postgres.Databases.Select(d => d.DatabaseName))
                : "";
            rows.Add(new SummaryRow(server.Name, $"127.0.0.1:{server.Port}{databases}", null));
        }

        var accounts = orchestrator.DemoAccounts;
        if (accounts.Count == 0)
        {
            rows.Add(new SummaryRow("demo accounts", "none yet (services that seed demo data print them here)", null));
        }

        rows.AddRange(accounts.Select(a => new SummaryRow(
            "demo account", $"{a.Login} / {a.Password}{(a.Role is null ? "" : "  (" + a.Role + ")")}  [{a.Service}]", null)));
        return rows;
    }

    public static IEnumerable<string> Render(Orchestrator orchestrator)
    {
        var rows = Rows(orchestrator);
        var width = rows.Max(r => r.Label.Length);
        yield return "";
        var seeded = orchestrator.SeededAfter is { } after ? $", {after.TotalSeconds:0.0} s with demo data" : "";
        yield return $"PartnerPlatform is up ({orchestrator.HealthyAfter?.TotalSeconds:0.0} s to all healthy{seeded}):";
        foreach (var row in rows)
        {
            yield return "  " + row.Label.PadRight(width + 2) + row.Value;
        }

        yield return "Ctrl+C stops everything this AppHost started.";
        yield return "";
    }
}
