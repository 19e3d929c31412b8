using System.Security;
using System.Xml.Linq;

namespace PartnerPlatform.AppHost.Orchestration;

/// <summary>
/// Builds every declared project with one <c>dotnet build</c>: a generated solution (.slnx) lists
/// them, so shared libraries are built once and MSBuild schedules the projects in parallel.
/// </summary>
internal static class ProjectBuild
{
    /// <summary>
    /// Writes the solution inside the repository (so restore reads the repository's nuget.config)
    /// and returns its path. Paths are relative to the solution's folder.
    /// </summary>
    public static string WriteSolution(string folder, IEnumerable<string> projectPaths)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"build-{Environment.ProcessId}-{Guid.NewGuid():N}.slnx");
        var projects = projectPaths.Distinct(StringComparer.Ordinal).Select(p =>
            $"  <Project Path=\"{SecurityElement.Escape(Path.GetRelativePath(folder, p).Replace('\\', '/'))}\" />");
        File.WriteAllText(path, "<Solution>\n" + string.Join('\n', projects) + "\n</Solution>\n");
        return path;
    }

    /// <summary>The arguments of the one build invocation.</summary>
    public static IReadOnlyList<string> Arguments(string solutionPath, string configuration) =>
        ["build", solutionPath, "-c", configuration, "-nologo", "-v:minimal", "-clp:NoSummary"];

    public static async Task<int> RunAsync(
        string dotnet, string folder, IReadOnlyList<ProjectResource> projects, string configuration,
        Action<string, bool> onLine, Action<int> onStarted, CancellationToken ct)
    {
        var solution = WriteSolution(folder, projects.Select(p => p.ProjectPath));
        try
        {
            using var build = ManagedProcess.Start(dotnet, Arguments(solution, configuration), folder, new Dictionary<string, string>(), onLine);
            onStarted(build.Pid);
            try
            {
                var exitCode = await build.Exited.WaitAsync(ct);
                await build.DrainOutputAsync(TimeSpan.FromSeconds(2));
                return exitCode;
            }
            finally
            {
                // The compiler server and MSBuild nodes the build started (they make it faster) live in
                // its session; they end with it, so nothing of the build outlives the AppHost.
                await build.StopAsync(TimeSpan.FromSeconds(5));
            }
        }
        finally
        {
            File.Delete(solution);
        }
    }

    /// <summary>The built dll: bin/{configuration}/{framework}/{assembly name}.dll, newest when several.</summary>
    public static string ResolveOutput(string projectPath, string configuration)
    {
        var projectDirectory = Path.GetDirectoryName(projectPath)!;
        var assemblyName = XDocument.Load(projectPath).Descendants("AssemblyName").Select(e => e.Value.Trim()).LastOrDefault()
                           ?? Path.GetFileNameWithoutExtension(projectPath);
        var configurationFolder = Path.Combine(projectDirectory, "bin", configuration);
        var dll = Directory.Exists(configurationFolder)
            ? Directory.EnumerateFiles(configurationFolder, assemblyName + ".dll", SearchOption.AllDirectories)
                .Where(f => File.Exists(Path.ChangeExtension(f, ".runtimeconfig.json")))
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault()
            : null;
        return dll ?? throw new InvalidOperationException(
            $"No built output for {Path.GetFileName(projectPath)} under {configurationFolder}: build it first (or run without --no-build).");
    }
}
