using PartnerPlatform.AppHost.Orchestration;

namespace PartnerPlatform.AppHost.Apis;

/// <summary>The ops dashboard: one HTML page and the JSON it polls, plus per-project actions.</summary>
public static class DashboardApi
{
    private const string NotFound = "CBC.0156";
    private const string IllegalOperation = "CBC.0150";
    private const string InvalidParameter = "CBC.0100";

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", GetPage).WithName("Dashboard");
        var api = app.MapGroup("/api");
        api.MapGet("/resources", GetResources).WithName("ListResources");
        api.MapGet("/resources/{name}", GetResource).WithName("GetResource");
        api.MapGet("/resources/{name}/logs", GetLogs).WithName("GetResourceLogs");
        api.MapGet("/logs/apphost", GetAppHostLogs).WithName("GetAppHostLogs");
        api.MapGet("/summary", GetSummary).WithName("GetSummary");
        api.MapPost("/resources/{name}/restart", (string name, Orchestrator o) => Act(name, o, runner => runner.RestartAsync())).WithName("RestartResource");
        api.MapPost("/resources/{name}/stop", (string name, Orchestrator o) => Act(name, o, runner => runner.StopAsync())).WithName("StopResource");
        api.MapPost("/resources/{name}/start", (string name, Orchestrator o) => Act(name, o, runner => runner.StartAsync())).WithName("StartResource");
        return app;
    }

    private static IResult GetPage()
    {
        var stream = typeof(DashboardApi).Assembly.GetManifestResourceStream("dashboard.html")
            ?? throw new InvalidOperationException("dashboard.html is not embedded");
        return Results.Stream(stream, "text/html; charset=utf-8");
    }

    private static IResult GetResources(Orchestrator orchestrator) =>
        Results.Ok(new ResourceList(orchestrator.Resources.Select(orchestrator.Snapshot).ToList(), orchestrator.AllHealthy.IsCompletedSuccessfully));

    private static IResult GetResource(string name, Orchestrator orchestrator) =>
        Find(orchestrator, name) is { } resource ? Results.Ok(orchestrator.Snapshot(resource)) : ResourceNotFound(name);

    private static IResult GetLogs(string name, Orchestrator orchestrator, long? after, int? limit)
    {
        if (Find(orchestrator, name) is not { } resource)
        {
            return ResourceNotFound(name);
        }

        return ReadLog(resource.Log, after, limit);
    }

    private static IResult GetAppHostLogs(Orchestrator orchestrator, long? after, int? limit) => ReadLog(orchestrator.AppHostLog, after, limit);

    private static IResult GetSummary(Orchestrator orchestrator) =>
        Results.Ok(new Summary(
            orchestrator.AllHealthy.IsCompletedSuccessfully,
            orchestrator.HealthyAfter?.TotalSeconds,
            orchestrator.SeededAfter?.TotalSeconds,
            SummaryTable.Rows(orchestrator),
            orchestrator.DemoAccounts));

    private static IResult ReadLog(ResourceLog log, long? after, int? limit)
    {
        if (after < 0 || limit is < 1 or > 1000)
        {
            return Problem(StatusCodes.Status400BadRequest, InvalidParameter, "after must be >= 0 and limit between 1 and 1000.");
        }

        var lines = log.Read(after ?? 0, limit ?? 200);
        return Results.Ok(new LogPage(lines, lines.Count > 0 ? lines[^1].Sequence : after ?? 0));
    }

    private static async Task<IResult> Act(string name, Orchestrator orchestrator, Func<ProjectRunner, Task> action)
    {
        if (Find(orchestrator, name) is not { } resource)
        {
            return ResourceNotFound(name);
        }

        if (orchestrator.RunnerFor(name) is not { } runner)
        {
            return Problem(StatusCodes.Status409Conflict, IllegalOperation, $"{name} is a {resource.Type}: only projects can be stopped or restarted here.");
        }

        if (orchestrator.IsStopping)
        {
            return Problem(StatusCodes.Status409Conflict, IllegalOperation, "The AppHost is stopping.");
        }

        if (resource.Status.Current.State is ResourceState.Waiting or ResourceState.Building && !orchestrator.AllHealthy.IsCompleted)
        {
            return Problem(StatusCodes.Status409Conflict, IllegalOperation, $"{name} has not been started yet.");
        }

        await action(runner);
        return Results.Accepted($"/api/resources/{name}", orchestrator.Snapshot(resource));
    }

    private static Resource? Find(Orchestrator orchestrator, string name) => orchestrator.Resources.FirstOrDefault(r => r.Name == name);

    private static IResult ResourceNotFound(string name) =>
        Problem(StatusCodes.Status404NotFound, NotFound, $"No resource named '{name}'.");

    private static IResult Problem(int status, string code, string message) =>
        Results.Problem(
            statusCode: status,
            title: message,
            type: "https://partner-platform/errors/" + code,
            extensions: new Dictionary<string, object?> { ["error_code"] = code, ["error_msg"] = message });

    private sealed record ResourceList(IReadOnlyList<ResourceSnapshot> Resources, bool AllHealthy);

    private sealed record LogPage(IReadOnlyList<LogLine> Lines, long Next);

    private sealed record Summary(bool AllHealthy, double? HealthySeconds, double? SeededSeconds, IReadOnlyList<SummaryRow> Rows, IReadOnlyList<DemoAccount> DemoAccounts);
}
