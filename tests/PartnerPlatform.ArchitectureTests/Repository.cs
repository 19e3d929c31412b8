using System.Xml.Linq;

namespace PartnerPlatform.ArchitectureTests;

/// <summary>The repository on disk, found from the test's output folder.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string ServicesFolder => Path.Combine(Root, "services");

    /// <summary>Service folders under services/ (Contracts included: it needs a README too).</summary>
    public static IEnumerable<string> ServiceFolders() =>
        Directory.Exists(ServicesFolder) ? Directory.GetDirectories(ServicesFolder).Order(StringComparer.Ordinal) : [];

    public static IEnumerable<string> ProjectFiles(string under) =>
        Directory.EnumerateFiles(under, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    public static IEnumerable<string> ProjectReferences(string projectFile)
    {
        var folder = Path.GetDirectoryName(projectFile)!;
        return XDocument.Load(projectFile).Descendants("ProjectReference")
            .Select(r => (string?)r.Attribute("Include"))
            .OfType<string>()
            .Select(include => Path.GetFullPath(Path.Combine(folder, include.Replace('\\', Path.DirectorySeparatorChar))));
    }

    public static string Relative(string path) => Path.GetRelativePath(Root, path);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PartnerPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PartnerPlatform.sln not found above " + AppContext.BaseDirectory);
    }
}
