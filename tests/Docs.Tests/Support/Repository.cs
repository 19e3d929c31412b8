namespace Docs.Tests.Support;

/// <summary>Paths in the repository the tests run from.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string ClientFolder => Path.Combine(Root, "tests", "Docs.Tests", "client");

    public static string GeneratedFolder => Path.Combine(ClientFolder, "generated");

    public static string ContractsFolder => Path.Combine(Root, "services", "Contracts");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PartnerPlatform.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("PartnerPlatform.sln was not found above the test binaries.");
    }
}
