using System.Text.RegularExpressions;

namespace PartnerPlatform.ArchitectureTests;

/// <summary>
/// Every service is laid out by the service map of the architecture notes, so "where is the use case
/// for X" has one answer: <c>services/{Name}/{Name}.Api/</c> with <c>Apis/</c>, <c>Application/</c>,
/// <c>Domain/</c>, <c>Consumers/</c>, <c>Jobs/</c>, <c>Data/</c>, <c>DemoData/</c> (and
/// <c>Infrastructure/</c> when it has adapters), and <c>{Name}Extensions</c>, <c>{Name}Options</c>,
/// <c>{Name}Errors</c>, <c>Data/{Name}DbContext</c>.
/// </summary>
public sealed partial class ServiceMapTests
{
    /// <summary>identity-api is being moved onto the map in its own change; this exclusion goes with it.</summary>
    private static readonly string[] ServicesNotYetOnTheMap = [];

    private static readonly string[] RequiredFolders = ["Apis", "Application", "Domain", "Consumers", "Jobs", "Data", "DemoData"];

    private static readonly string[] AllowedFolders = [.. RequiredFolders, "Infrastructure", "Properties", "bin", "obj"];

    public static TheoryData<string> Services() => [.. MappedServices()];

    [Theory]
    [MemberData(nameof(Services))]
    public void A_service_has_the_maps_folders_and_nothing_else(string service)
    {
        var project = ProjectFolder(service);
        var folders = Directory.GetDirectories(project).Select(Path.GetFileName).OfType<string>().ToList();

        Assert.Empty(RequiredFolders.Except(folders));
        Assert.Empty(folders.Except(AllowedFolders));
        Assert.True(Directory.Exists(Path.Combine(project, "Data", "Configurations")), $"{service}: Data/Configurations is missing");
        Assert.True(Directory.Exists(Path.Combine(project, "Data", "Migrations")), $"{service}: Data/Migrations is missing");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void A_service_has_the_maps_names(string service)
    {
        var project = ProjectFolder(service);
        string[] expected =
        [
            "Program.cs", $"{service}Extensions.cs", $"{service}Options.cs", $"{service}Errors.cs",
            Path.Combine("Data", $"{service}DbContext.cs"),
        ];

        Assert.DoesNotContain(expected, file => !File.Exists(Path.Combine(project, file)));
        Assert.Contains($"class {service}Extensions", File.ReadAllText(Path.Combine(project, $"{service}Extensions.cs")), StringComparison.Ordinal);
        Assert.Contains($"class {service}Errors", File.ReadAllText(Path.Combine(project, $"{service}Errors.cs")), StringComparison.Ordinal);
        Assert.Contains($"class {service}DbContext", File.ReadAllText(Path.Combine(project, "Data", $"{service}DbContext.cs")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Application_never_references_Apis(string service)
    {
        var offenders = SourceFiles(Path.Combine(ProjectFolder(service), "Application"))
            .Where(file => ReferencesApis(service, File.ReadAllText(file)))
            .Select(Repository.Relative)
            .ToList();

        Assert.True(offenders.Count == 0, "Application code that uses Apis:\n" + string.Join('\n', offenders));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Consumers_live_one_per_file_in_Consumers(string service)
    {
        var project = ProjectFolder(service);
        var offenders = SourceFiles(project)
            .Select(file => (File: file, Consumers: ConsumerCount(File.ReadAllText(file))))
            .Where(f => f.Consumers > 1 || (f.Consumers == 1 && !IsUnder(f.File, Path.Combine(project, "Consumers"))))
            .Select(f => $"{Repository.Relative(f.File)}: {f.Consumers} consumer(s)")
            .ToList();

        Assert.True(offenders.Count == 0, "Consumers belong in Consumers/{Event}Consumer.cs, one per file:\n" + string.Join('\n', offenders));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Background_services_live_in_Jobs(string service)
    {
        var project = ProjectFolder(service);
        var offenders = SourceFiles(project)
            .Where(file => !IsUnder(file, Path.Combine(project, "Jobs")) && IsBackgroundService(File.ReadAllText(file)))
            .Select(Repository.Relative)
            .ToList();

        Assert.True(offenders.Count == 0, "Sweepers and schedules belong in Jobs/:\n" + string.Join('\n', offenders));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Entities_are_configured_in_Data_Configurations_not_in_OnModelCreating(string service)
    {
        var project = ProjectFolder(service);
        var context = File.ReadAllText(Path.Combine(project, "Data", $"{service}DbContext.cs"));

        Assert.DoesNotContain(".Entity<", context, StringComparison.Ordinal);
        Assert.Contains(
            SourceFiles(Path.Combine(project, "Data", "Configurations")),
            file => File.ReadAllText(file).Contains("IEntityTypeConfiguration<", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Infrastructure_holds_adapters_not_caller_accessors_or_role_lists(string service)
    {
        var offenders = SourceFiles(Path.Combine(ProjectFolder(service), "Infrastructure"))
            .Where(file => IsCallerSupport(File.ReadAllText(file)))
            .Select(Repository.Relative)
            .ToList();

        Assert.True(offenders.Count == 0, "Caller facts come from CurrentCaller, role lists live in Domain/VendorRoles:\n" + string.Join('\n', offenders));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Fields_and_enum_filters_are_parsed_by_the_shared_validation(string service)
    {
        var offenders = SourceFiles(ProjectFolder(service))
            .Where(file => OwnParser().IsMatch(File.ReadAllText(file)))
            .Select(Repository.Relative)
            .ToList();

        Assert.True(offenders.Count == 0, "Parse with FieldValidation and SnakeCaseEnum (ServiceDefaults), not a parser of the service's own:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void Every_service_folder_except_the_named_exclusion_is_checked_against_the_map()
    {
        var all = Repository.ServiceFolders().Select(Path.GetFileName).OfType<string>().Where(name => name != "Contracts").ToList();

        Assert.Equal(all.Except(ServicesNotYetOnTheMap).Order(StringComparer.Ordinal), MappedServices());
        Assert.Contains("Coupons", MappedServices());
        Assert.Contains("Resellers", MappedServices());
    }

    [Fact]
    public void The_map_rules_catch_what_they_are_meant_to_catch()
    {
        const string twoConsumers = """
            public sealed class AConsumer(Db db) : IConsumer<A> { }
            internal sealed class BConsumer : IConsumer<B>
            { }
            """;
        Assert.Equal(2, ConsumerCount(twoConsumers));
        Assert.Equal(0, ConsumerCount("public static class ResellerLinks { }"));
        Assert.True(IsBackgroundService("public sealed class Sweeper(TimeProvider clock)\n    : BackgroundService"));
        Assert.False(IsBackgroundService("public sealed class Startup : IHostedService"));
        Assert.True(ReferencesApis("Coupons", "using Coupons.Api.Apis;\nnamespace Coupons.Api.Application;"));
        Assert.True(ReferencesApis("Coupons", "var view = Coupons.Api.Apis.QuotaView.From(q);"));
        Assert.False(ReferencesApis("Coupons", "using Coupons.Api.Domain;\n// the Apis map endpoints"));
        Assert.True(IsCallerSupport("public static class Callers\n{\n    public static string? OperatorId(this CurrentCaller caller) => caller.UserId;"));
        Assert.True(IsCallerSupport("public static readonly string[] QuotaManagers = [\"admin\", \"ecosystem_manager\"];"));
        Assert.False(IsCallerSupport("public sealed class SmsSender(HttpClient http) : INotificationSender"));
        Assert.Matches(OwnParser(), "internal static class Parse\n{");
        Assert.Matches(OwnParser(), "internal static class SnakeCaseValues");
        Assert.Matches(OwnParser(), "internal static class EnumQuery");
        Assert.DoesNotMatch(OwnParser(), "var month = FieldValidation.Checked(v => v.Parsed<DateOnly>(text, \"month\", Periods.TryParseMonth, Periods.MonthFormat));");
    }

    private static List<string> MappedServices() =>
        [.. Repository.ServiceFolders()
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name != "Contracts" && !ServicesNotYetOnTheMap.Contains(name))
            .Order(StringComparer.Ordinal)];

    private static string ProjectFolder(string service) => Path.Combine(Repository.ServicesFolder, service, $"{service}.Api");

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                            && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
            : [];

    private static bool IsUnder(string file, string folder) =>
        file.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static bool ReferencesApis(string service, string source) =>
        source.Contains($"{service}.Api.Apis", StringComparison.Ordinal);

    private static int ConsumerCount(string source) => ConsumerDeclaration().Count(source);

    private static bool IsBackgroundService(string source) => BackgroundServiceDeclaration().IsMatch(source);

    private static bool IsCallerSupport(string source) =>
        source.Contains("this CurrentCaller", StringComparison.Ordinal) || VendorRoleList().IsMatch(source);

    [GeneratedRegex(@"string\[\]\s+\w+\s*=\s*\[\s*""admin""")]
    private static partial Regex VendorRoleList();

    [GeneratedRegex(@"\bclass\s+(Parse|SnakeCaseValues|EnumQuery)\b")]
    private static partial Regex OwnParser();

    [GeneratedRegex(@"\bclass\s+\w+[^{;]*?\bIConsumer<")]
    private static partial Regex ConsumerDeclaration();

    [GeneratedRegex(@"\bclass\s+\w+[^{;]*?:\s*BackgroundService\b")]
    private static partial Regex BackgroundServiceDeclaration();
}
