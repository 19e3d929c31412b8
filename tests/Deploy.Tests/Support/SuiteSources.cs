using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Deploy.Tests.Support;

/// <summary>A process of the suite: its resource name (ARCHITECTURE.md's service map) and project.</summary>
public sealed record SuiteProcess(string ResourceName, string ProjectFile, string? Database)
{
    public string ProjectDirectory => Path.GetDirectoryName(Repository.PathOf(ProjectFile))!;

    /// <summary>False for the services still being written: their manifests come first.</summary>
    public bool HasSource => File.Exists(Repository.PathOf(ProjectFile));
}

/// <summary>What the code says the manifests must provide.</summary>
public static partial class SuiteSources
{
    public static IReadOnlyList<SuiteProcess> Services { get; } =
    [
        new("identity-api", "services/Identity/Identity.Api/Identity.Api.csproj", "identitydb"),
        new("resellers-api", "services/Resellers/Resellers.Api/Resellers.Api.csproj", "resellersdb"),
        new("coupons-api", "services/Coupons/Coupons.Api/Coupons.Api.csproj", "couponsdb"),
        new("opportunities-api", "services/Opportunities/Opportunities.Api/Opportunities.Api.csproj", "opportunitiesdb"),
        new("incentives-api", "services/Incentives/Incentives.Api/Incentives.Api.csproj", "incentivesdb"),
        new("subscription-files-api", "services/SubscriptionFiles/SubscriptionFiles.Api/SubscriptionFiles.Api.csproj", "subscriptionfilesdb"),
    ];

    public static SuiteProcess Gateway { get; } = new("gateway", "gateway/Gateway/Gateway.csproj", null);

    public static IReadOnlyList<SuiteProcess> All { get; } = [.. Services, Gateway];

    public static TheoryData<string> ServiceNames => [.. Services.Select(s => s.ResourceName)];

    public static TheoryData<string> AllNames => [.. All.Select(s => s.ResourceName)];

    public static SuiteProcess Named(string resourceName) => All.Single(p => p.ResourceName == resourceName);

    /// <summary>The projects the AppHost registers, by resource name (<c>AddProject("name", …)</c> or <c>AddProject&lt;T&gt;("name")</c>).</summary>
    public static IReadOnlyList<string> AppHostProjects() =>
        [.. SourceFiles(Repository.PathOf("AppHost"))
            .SelectMany(file => AddProjectCall().Matches(File.ReadAllText(file)))
            .Select(match => match.Groups["name"].Value)
            .Distinct()];

    /// <summary>
    /// Every connection name a process reads: literal and constant arguments of
    /// <c>GetConnectionString</c>, and the <c>…ConnectionName</c> constants it hands to the shared
    /// helpers, in its own code and in the ServiceDefaults projects it references.
    /// </summary>
    public static IReadOnlySet<string> ConnectionNames(SuiteProcess process)
    {
        var constants = AllConstants();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in CodeOf(process))
        {
            var text = File.ReadAllText(file);
            foreach (Match call in GetConnectionStringCall().Matches(text))
            {
                var argument = call.Groups["argument"].Value.Trim();
                if (argument.StartsWith('"'))
                {
                    names.Add(argument.Trim('"'));
                }
                else if (constants.TryGetValue(argument.Split('.')[^1], out var value))
                {
                    names.Add(value);
                }
            }

            if (file.StartsWith(process.ProjectDirectory, StringComparison.Ordinal))
            {
                foreach (Match constant in ConnectionNameConstant().Matches(text))
                {
                    names.Add(constant.Groups["value"].Value);
                }
            }
        }

        return names;
    }

    /// <summary>The <c>services:{name}:http:0</c> addresses a process reads: literal keys in its code, and for the gateway every cluster of its route table.</summary>
    public static IReadOnlySet<string> ServiceAddresses(SuiteProcess process)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in CodeOf(process))
        {
            foreach (Match key in ServiceAddressKey().Matches(File.ReadAllText(file)))
            {
                names.Add(key.Groups["name"].Value);
            }
        }

        var settings = Path.Combine(process.ProjectDirectory, "appsettings.json");
        if (File.Exists(settings) && JsonNode.Parse(File.ReadAllText(settings))?["ReverseProxy"]?["Routes"] is JsonObject routes)
        {
            foreach (var (_, route) in routes)
            {
                names.Add((string)route!["ClusterId"]!);
            }
        }

        return names;
    }

    /// <summary>The process's own source and that of the ServiceDefaults projects it references, transitively.</summary>
    public static IEnumerable<string> CodeOf(SuiteProcess process)
    {
        var projects = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Repository.PathOf(process.ProjectFile)]);
        while (pending.TryPop(out var project))
        {
            if (!projects.Add(Path.GetFullPath(project)))
            {
                continue;
            }

            foreach (Match reference in ProjectReference().Matches(File.ReadAllText(project)))
            {
                var referenced = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, reference.Groups["path"].Value));
                if (referenced.StartsWith(Repository.PathOf("ServiceDefaults"), StringComparison.Ordinal))
                {
                    pending.Push(referenced);
                }
            }
        }

        return projects.SelectMany(project => SourceFiles(Path.GetDirectoryName(project)!));
    }

    public static IEnumerable<string> SourceFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static Dictionary<string, string> AllConstants()
    {
        var constants = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var directory in new[] { "services", "gateway", "ServiceDefaults" })
        {
            foreach (var file in SourceFiles(Repository.PathOf(directory)))
            {
                foreach (Match constant in StringConstant().Matches(File.ReadAllText(file)))
                {
                    constants.TryAdd(constant.Groups["name"].Value, constant.Groups["value"].Value);
                }
            }
        }

        return constants;
    }

    [GeneratedRegex("""AddProject(?:<[^>]+>)?\(\s*"(?<name>[^"]+)"\s*[,)]""")]
    private static partial Regex AddProjectCall();

    [GeneratedRegex("""GetConnectionString\((?<argument>[^()]+)\)""")]
    private static partial Regex GetConnectionStringCall();

    [GeneratedRegex("""const\s+string\s+\w*Connection(?:String)?Name\w*\s*=\s*"(?<value>[^"]+)"\s*;""")]
    private static partial Regex ConnectionNameConstant();

    [GeneratedRegex("""const\s+string\s+(?<name>\w+)\s*=\s*"(?<value>[^"]*)"\s*;""")]
    private static partial Regex StringConstant();

    [GeneratedRegex("""["$]services:(?<name>[a-z0-9-]+):https?:0""")]
    private static partial Regex ServiceAddressKey();

    [GeneratedRegex(@"<ProjectReference\s+Include=""(?<path>[^""]+)""")]
    private static partial Regex ProjectReference();
}
