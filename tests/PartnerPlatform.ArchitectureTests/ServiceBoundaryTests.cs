namespace PartnerPlatform.ArchitectureTests;

public sealed class ServiceBoundaryTests
{
    [Fact]
    public void No_service_project_references_another_services_project()
    {
        var violations = new List<string>();
        foreach (var serviceFolder in Repository.ServiceFolders())
        {
            foreach (var project in Repository.ProjectFiles(serviceFolder))
            {
                foreach (var reference in Repository.ProjectReferences(project))
                {
                    var target = OwningServiceFolder(reference);
                    if (target is not null && target != serviceFolder && Path.GetFileName(target) != "Contracts")
                    {
                        violations.Add($"{Repository.Relative(project)} -> {Repository.Relative(reference)}");
                    }
                }
            }
        }

        Assert.True(violations.Count == 0, "Services talk through events, not project references:\n" + string.Join('\n', violations));
    }

    [Fact]
    public void Every_service_folder_has_a_readme()
    {
        var missing = Repository.ServiceFolders()
            .Where(folder => !File.Exists(Path.Combine(folder, "README.md")))
            .Select(Repository.Relative)
            .ToList();

        Assert.True(missing.Count == 0, "Service folders without README.md:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void No_project_opts_out_of_the_repository_build_rules()
    {
        string[] forbidden = ["<NoWarn", "<TreatWarningsAsErrors", "<Nullable", "<WarningsNotAsErrors", "<TargetFramework>", "Version=\""];
        var violations = Repository.ProjectFiles(Repository.Root)
            .SelectMany(project => forbidden
                .Where(token => File.ReadAllText(project).Contains(token, StringComparison.Ordinal))
                .Select(token => $"{Repository.Relative(project)} contains {token}"))
            .ToList();

        Assert.True(violations.Count == 0,
            "Build rules live in Directory.Build.props and package versions in Directory.Packages.props:\n" + string.Join('\n', violations));
    }

    [Fact]
    public void Boundary_rule_catches_a_reference_into_another_service()
    {
        var coupons = Path.Combine(Repository.ServicesFolder, "Coupons");
        var identityProject = Path.Combine(Repository.ServicesFolder, "Identity", "Identity.Api", "Identity.Api.csproj");
        var contractsProject = Path.Combine(Repository.ServicesFolder, "Contracts", "PartnerPlatform.Contracts", "PartnerPlatform.Contracts.csproj");

        Assert.Equal(Path.Combine(Repository.ServicesFolder, "Identity"), OwningServiceFolder(identityProject));
        Assert.NotEqual(coupons, OwningServiceFolder(identityProject));
        Assert.Equal("Contracts", Path.GetFileName(OwningServiceFolder(contractsProject)));
        Assert.Null(OwningServiceFolder(Path.Combine(Repository.Root, "ServiceDefaults", "X", "X.csproj")));
    }

    private static string? OwningServiceFolder(string path)
    {
        var relative = Path.GetRelativePath(Repository.ServicesFolder, path);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return null;
        }

        var first = relative.Split(Path.DirectorySeparatorChar)[0];
        return Path.Combine(Repository.ServicesFolder, first);
    }
}
