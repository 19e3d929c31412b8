using PartnerPlatform.AppHost.Orchestration;
using Xunit.Abstractions;

namespace PartnerPlatform.AppHost.Tests;

/// <summary>Builds run alone: the other tests run the sample service's build output.</summary>
[CollectionDefinition(nameof(BuildCollection), DisableParallelization = true)]
public sealed class BuildCollection;

[Collection(nameof(BuildCollection))]
public sealed class BuildTests(ITestOutputHelper testOutput)
{
    [Fact]
    public async Task Every_declared_project_is_built_by_one_dotnet_build_before_anything_starts()
    {
        var captured = new StringWriter();
        var output = TextWriter.Synchronized(captured);
        var builder = SampleApp.CreateBuilder(output, build: true);
        builder.AddSample("first");
        builder.AddSample("second");
        await using var app = builder.Build();

        await app.StartHealthyAsync(TimeSpan.FromMinutes(3));
        var report = await app.StopAsync();
        testOutput.WriteLine(captured.ToString());

        Assert.Empty(report.Leftovers); // the build's compiler server and MSBuild nodes included
        Assert.Equal(3, report.ProcessGroups.Count); // the build and the two projects

        var log = app.Orchestrator.AppHostLog.Read(0, 1000).Select(l => l.Text).ToList();
        Assert.Single(log, l => l.StartsWith("building ", StringComparison.Ordinal));
        Assert.Contains("building 2 project(s) with one dotnet build", log.Single(l => l.StartsWith("building ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains(log, l => l.StartsWith("built in", StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(SampleApp.RepositoryRoot, ".data", "apphost"), $"build-{Environment.ProcessId}-*.slnx"));
    }

    [Fact]
    public void The_generated_solution_lists_each_project_once_relative_to_its_folder()
    {
        var folder = Directory.CreateTempSubdirectory("apphost-slnx-").FullName;
        try
        {
            var path = ProjectBuild.WriteSolution(folder, ["/repo/services/A/A.csproj", "/repo/services/B/B.csproj", "/repo/services/A/A.csproj"]);
            var projects = System.Xml.Linq.XDocument.Load(path).Descendants("Project").Select(p => (string?)p.Attribute("Path")).ToList();

            var up = Path.GetRelativePath(folder, "/repo");
            Assert.Equal([$"{up}/services/A/A.csproj", $"{up}/services/B/B.csproj"], projects);
            Assert.Equal(["build", path, "-c", "Debug"], ProjectBuild.Arguments(path, "Debug").Take(4));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Without_a_build_output_the_project_cannot_start_and_says_why()
    {
        var folder = Directory.CreateTempSubdirectory("apphost-nobuild-").FullName;
        try
        {
            var project = Path.Combine(folder, "Missing.csproj");
            File.WriteAllText(project, "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />");

            var error = Assert.Throws<InvalidOperationException>(() => ProjectBuild.ResolveOutput(project, "Debug"));
            Assert.Contains("No built output for Missing.csproj", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
