using System.Globalization;

namespace PartnerPlatform.AppHost;

/// <summary>How the AppHost runs; <see cref="FromArgs"/> reads the command line.</summary>
public sealed class DistributedApplicationOptions
{
    public const int DefaultDashboardPort = 18888;

    public const string Usage = """
        usage: PartnerPlatform.AppHost [options]
          --dashboard-port N     dashboard port on 127.0.0.1 (default 18888, or APPHOST_DASHBOARD_PORT; a free port when taken)
          --no-build             run the projects' existing build output
          -c, --configuration C  build configuration (default Debug)
          --environment NAME     environment of the AppHost and its services (default DOTNET_ENVIRONMENT, else Development)
          --demo-data            seed demo data even outside Development
          --no-demo-data         do not seed demo data
          --keep-servers         leave the private servers running on exit, even when this AppHost started them
        """;

    /// <summary>The folder holding PartnerPlatform.sln.</summary>
    public string RepositoryRoot { get; set; } = FindRepositoryRoot();

    /// <summary>Relative project paths start here (like an Aspire AppHost's project folder).</summary>
    public string? AppHostDirectory { get; set; }

    /// <summary>0 picks a free port.</summary>
    public int DashboardPort { get; set; } = DefaultDashboardPort;

    public bool Build { get; set; } = true;

    public string Configuration { get; set; } = "Debug";

    public string EnvironmentName { get; set; } =
        Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is { Length: > 0 } name ? name : "Development";

    /// <summary>Seed demo data after start-up; null means only in Development.</summary>
    public bool? DemoData { get; set; }

    /// <summary>Never stop the private servers, even when this AppHost started them.</summary>
    public bool KeepServers { get; set; }

    public RestartPolicy RestartPolicy { get; set; } = RestartPolicy.Default;

    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a stopped process gets after SIGTERM before SIGKILL.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Limit for a <c>--migrate</c> or <c>--seed-demo-data</c> run.</summary>
    public TimeSpan MigrationTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Where the prefixed log lines go.</summary>
    public TextWriter Output { get; set; } = Console.Out;

    /// <summary>Colour the prefixes; null means when <see cref="Output"/> is a terminal.</summary>
    public bool? Colours { get; set; }

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Parameter values by name; by default the AppHost's <c>Parameters__{name}</c> variables.</summary>
    public IDictionary<string, string> Parameters { get; set; } = ParametersFromEnvironment();

    internal bool IsDevelopment => string.Equals(EnvironmentName, "Development", StringComparison.OrdinalIgnoreCase);

    internal string ResolvedAppHostDirectory =>
        AppHostDirectory ?? Path.Combine(RepositoryRoot, "AppHost", "PartnerPlatform.AppHost");

    public static DistributedApplicationOptions FromArgs(IReadOnlyList<string> args)
    {
        var options = new DistributedApplicationOptions();
        if (int.TryParse(Environment.GetEnvironmentVariable("APPHOST_DASHBOARD_PORT"), CultureInfo.InvariantCulture, out var portFromEnvironment))
        {
            options.DashboardPort = portFromEnvironment;
        }

        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            switch (args[i])
            {
                case "--dashboard-port":
                    options.DashboardPort = int.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--no-build":
                    options.Build = false;
                    break;
                case "-c" or "--configuration":
                    options.Configuration = Value();
                    break;
                case "--environment":
                    options.EnvironmentName = Value();
                    break;
                case "--demo-data":
                    options.DemoData = true;
                    break;
                case "--no-demo-data":
                    options.DemoData = false;
                    break;
                case "--keep-servers":
                    options.KeepServers = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'.\n{Usage}");
            }
        }

        return options;
    }

    private static Dictionary<string, string> ParametersFromEnvironment()
    {
        const string prefix = "Parameters__";
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && name.StartsWith(prefix, StringComparison.Ordinal) && variable.Value is string value)
            {
                parameters[name[prefix.Length..]] = value;
            }
        }

        return parameters;
    }

    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PartnerPlatform.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("PartnerPlatform.sln not found above the current folder or the AppHost's folder.");
    }
}
