using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using PartnerPlatform.Contracts;

namespace PartnerPlatform.ArchitectureTests;

public sealed partial class ContractRulesTests
{
    private static readonly Assembly Contracts = typeof(ContractsAssembly).Assembly;

    /// <summary>The owning services' namespaces: PartnerPlatform.Contracts.{Service}.</summary>
    private static readonly string[] ServiceNamespaces =
        ["Identity", "Opportunities", "Coupons", "Resellers", "Incentives", "SubscriptionFiles"];

    /// <summary>Irregular past participles that do not end in -ed.</summary>
    private static readonly HashSet<string> IrregularPastTense = new(StringComparer.Ordinal)
    {
        "Sent", "Paid", "Made", "Withdrawn", "Won", "Lost", "Written", "Taken", "Given", "Begun", "Done", "Held",
        "Built", "Bound", "Set", "Reset", "Spent", "Drawn", "Chosen", "Frozen", "Hidden", "Undone", "Overridden",
        "Rewritten", "Left", "Read", "Run", "Shown", "Sold", "Split", "Upheld", "Withheld", "Forgotten", "Bought",
    };

    public static IEnumerable<Type> EventTypes() =>
        Contracts.GetExportedTypes().Where(t => t != typeof(ContractsAssembly));

    [Fact]
    public void Every_public_contract_type_is_a_sealed_record_without_a_base_class()
    {
        var violations = EventTypes()
            .Where(t => !t.IsClass || !t.IsSealed || !IsRecord(t) || t.BaseType != typeof(object))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(violations.Count == 0, "Contracts must be sealed records with no base class:\n" + string.Join('\n', violations));
    }

    [Fact]
    public void Every_public_contract_type_has_a_past_tense_name()
    {
        var violations = EventTypes().Where(t => !IsPastTense(t.Name)).Select(t => t.FullName).ToList();
        Assert.True(violations.Count == 0, "Events are named in the past tense:\n" + string.Join('\n', violations));
    }

    [Fact]
    public void Every_public_contract_type_lives_in_its_owning_services_namespace()
    {
        var violations = EventTypes()
            .Where(t => !ServiceNamespaces.Any(s => t.Namespace == $"PartnerPlatform.Contracts.{s}"))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(violations.Count == 0, "Contracts live in PartnerPlatform.Contracts.{Service}:\n" + string.Join('\n', violations));
    }

    [Fact]
    public void Every_event_carries_occurred_at()
    {
        var violations = EventTypes()
            .Where(t => t.GetProperty("OccurredAt")?.PropertyType != typeof(DateTimeOffset))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(violations.Count == 0, "Every event has OccurredAt (DateTimeOffset):\n" + string.Join('\n', violations));
    }

    [Fact]
    public void Every_event_is_listed_in_the_catalogue()
    {
        var catalogue = File.ReadAllText(Path.Combine(Repository.ServicesFolder, "Contracts", "README.md"));
        var missing = EventTypes().Where(t => !catalogue.Contains($"`{t.Name}`", StringComparison.Ordinal)).Select(t => t.FullName).ToList();
        Assert.True(missing.Count == 0, "Events missing from services/Contracts/README.md:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Every_consumer_in_the_services_is_named_in_the_catalogue()
    {
        var rows = CatalogueRows();
        var missing = new List<string>();
        foreach (var serviceFolder in Repository.ServiceFolders())
        {
            var consumersFolders = Directory.GetDirectories(serviceFolder, "Consumers", SearchOption.AllDirectories);
            foreach (var file in consumersFolders.SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)))
            {
                // The resource name: SubscriptionFiles → subscription-files-api.
                var service = System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(Path.GetFileName(serviceFolder)) + "-api";
                foreach (Match consumed in ConsumerPattern().Matches(File.ReadAllText(file)))
                {
                    var eventName = consumed.Groups[1].Value;
                    if (!rows.TryGetValue(eventName, out var consumers) || !consumers.Contains(service, StringComparison.Ordinal))
                    {
                        missing.Add($"{eventName} is consumed by {service} ({Repository.Relative(file)})");
                    }
                }
            }
        }

        Assert.True(missing.Count == 0, "The consumers column of services/Contracts/README.md is out of date:\n" + string.Join('\n', missing));
    }

    [Theory]
    [InlineData("CustomerAssociated", true)]
    [InlineData("CouponIssued", true)]
    [InlineData("InvitationSent", true)]
    [InlineData("PaymentApplicationPaid", true)]
    [InlineData("AssociateCustomer", false)]
    [InlineData("CouponIssue", false)]
    [InlineData("CustomerEvent", false)]
    public void Past_tense_rule_tells_events_from_commands(string name, bool expected) =>
        Assert.Equal(expected, IsPastTense(name));

    /// <summary>Catalogue rows: event name → the consumers column.</summary>
    private static Dictionary<string, string> CatalogueRows() =>
        File.ReadAllLines(Path.Combine(Repository.ServicesFolder, "Contracts", "README.md"))
            .Select(line => CatalogueRowPattern().Match(line))
            .Where(match => match.Success)
            .ToDictionary(match => match.Groups[1].Value, match => match.Groups[2].Value, StringComparer.Ordinal);

    [GeneratedRegex(@"IConsumer<(\w+)>")]
    private static partial Regex ConsumerPattern();

    [GeneratedRegex(@"^\| `(\w+)` \| [^|]+ \| ([^|]+) \|")]
    private static partial Regex CatalogueRowPattern();

    private static bool IsRecord(Type t) =>
        t.GetMethod("<Clone>$") is not null
        || t.GetProperty("EqualityContract", BindingFlags.Instance | BindingFlags.NonPublic)?.GetMethod?.GetCustomAttribute<CompilerGeneratedAttribute>() is not null;

    private static bool IsPastTense(string name)
    {
        var lastWordStart = name.Length - 1;
        while (lastWordStart > 0 && !char.IsUpper(name[lastWordStart]))
        {
            lastWordStart--;
        }

        var lastWord = name[lastWordStart..];
        return lastWord.EndsWith("ed", StringComparison.Ordinal) || IrregularPastTense.Contains(lastWord);
    }
}
