namespace Opportunities.Api;

/// <summary>Configuration section <c>Opportunities</c>; every setting has a working default.</summary>
public sealed class OpportunitiesOptions
{
    public const string SectionName = "Opportunities";

    /// <summary>Working days the vendor has to validate a submitted PO before it is <c>validation_expired</c>.</summary>
    public int ValidationWorkingDays { get; set; } = 10;

    /// <summary>Working days an assigned partner has to accept or reject an HO before it is recalled.</summary>
    public int HandoverResponseWorkingDays { get; set; } = 3;

    /// <summary>The smallest expected incremental cloud revenue a PO may claim (in the PO's currency).</summary>
    public decimal MinimumExpectedRevenue { get; set; } = 10_000m;

    /// <summary>HO assignment: the partner shared and updated POs within this many days.</summary>
    public int RecentPoActivityDays { get; set; } = 90;

    /// <summary>HO assignment: a <c>role_certified</c> partner needs this many POs delivered in the last 12 months.</summary>
    public int DeliveredPosForRoleCertified { get; set; } = 3;

    /// <summary>Deal registration protection window.</summary>
    public int DealProtectionDays { get; set; } = 90;

    /// <summary>How often the deadline sweeper looks for overdue POs and HOs.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Rows one sweeper round claims per transaction.</summary>
    public int SweepBatchSize { get; set; } = 200;

    /// <summary>Customer province → PSM region; a new customer's PO goes to the queue <c>psm:{region}</c>.</summary>
    public Dictionary<string, string> PsmRegions { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["beijing"] = "north", ["tianjin"] = "north", ["hebei"] = "north", ["shanxi"] = "north", ["inner_mongolia"] = "north",
        ["shanghai"] = "east", ["jiangsu"] = "east", ["zhejiang"] = "east", ["anhui"] = "east", ["fujian"] = "east", ["jiangxi"] = "east", ["shandong"] = "east",
        ["guangdong"] = "south", ["guangxi"] = "south", ["hainan"] = "south", ["hong_kong"] = "south", ["macao"] = "south",
        ["henan"] = "central", ["hubei"] = "central", ["hunan"] = "central",
        ["sichuan"] = "west", ["chongqing"] = "west", ["guizhou"] = "west", ["yunnan"] = "west", ["tibet"] = "west", ["shaanxi"] = "west",
        ["gansu"] = "west", ["qinghai"] = "west", ["ningxia"] = "west", ["xinjiang"] = "west",
        ["liaoning"] = "northeast", ["jilin"] = "northeast", ["heilongjiang"] = "northeast",
    };

    /// <summary>The PSM region of provinces not listed in <see cref="PsmRegions"/>.</summary>
    public string DefaultPsmRegion { get; set; } = "national";

    /// <summary>PSM region → working-day calendar region; regions not listed use <see cref="DefaultCalendarRegion"/>.</summary>
    public Dictionary<string, string> CalendarRegions { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string DefaultCalendarRegion { get; set; } = "cn";

    /// <summary>Offerings of the baseline solutions (rule sets <c>vendor_led_baseline</c> and <c>partner_led_baseline</c>).</summary>
    public string[] BaselineOfferings { get; set; } = ["ecs_baseline", "database_migration", "data_lake", "ai_development_platform", "saas_ready"];

    /// <summary>The joint-operation whitelist: offerings a partner-led baseline solution may link.</summary>
    public string[] JointOperationWhitelist { get; set; } = ["database_migration", "saas_ready"];

    /// <summary>The exception cases that go to a committee decision.</summary>
    public string[] CommitteeCases { get; set; } = ["no_rule_set_fits", "several_partners_compete", "offering_outside_whitelist"];

    public string PsmRegionOf(string province) =>
        PsmRegions.TryGetValue(province.Trim(), out var region) ? region : DefaultPsmRegion;

    public string CalendarRegionOf(string psmRegion) =>
        CalendarRegions.TryGetValue(psmRegion, out var region) ? region : DefaultCalendarRegion;
}
