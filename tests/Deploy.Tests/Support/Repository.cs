namespace Deploy.Tests.Support;

/// <summary>Paths inside the repository the tests run from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string TestProject => Path.Combine(Root, "tests", "Deploy.Tests");

    public static string Kustomize => Path.Combine(Root, "deploy", "k8s");

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PartnerPlatform.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"PartnerPlatform.sln not found above {AppContext.BaseDirectory}.");
    }
}
