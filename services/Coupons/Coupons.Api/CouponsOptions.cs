using Coupons.Api.Domain;

namespace Coupons.Api;

/// <summary>Configuration section <c>Coupons</c>; every setting has a working default.</summary>
public sealed class CouponsOptions
{
    public const string SectionName = "Coupons";

    private static readonly string[] DefaultCloudServiceTypes =
    [
        "hws.service.type.ec2", "hws.service.type.ebs", "hws.service.type.vpc", "hws.service.type.eip",
        "hws.service.type.rds", "hws.service.type.obs", "hws.service.type.cce", "hws.service.type.elb",
    ];

    private static readonly Dictionary<string, TestVoucherRole> DefaultRoleCertificationVouchers = new(StringComparer.Ordinal)
    {
        ["solution_architect"] = new() { FaceValue = 2000m, Currency = "CNY", ValidDays = 90 },
        ["implementation_engineer"] = new() { FaceValue = 1000m, Currency = "CNY", ValidDays = 90 },
        ["operations_engineer"] = new() { FaceValue = 1000m, Currency = "CNY", ValidDays = 90 },
    };

    private static readonly Dictionary<string, TestVoucherRole> DefaultRoleSelectionVouchers = new(StringComparer.Ordinal)
    {
        ["solution_architect"] = new() { FaceValue = 500m, Currency = "CNY", ValidDays = 30 },
        ["implementation_engineer"] = new() { FaceValue = 500m, Currency = "CNY", ValidDays = 30 },
        ["operations_engineer"] = new() { FaceValue = 500m, Currency = "CNY", ValidDays = 30 },
    };

    /// <summary>The cloud service types coupons may be restricted to (unknown ones answer CBC.50000055).</summary>
    public string[]? CloudServiceTypes { get; set; }

    /// <summary>How often the expiry sweeper looks for coupons and quotas past their expiry.</summary>
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Rows one sweeper claims per transaction.</summary>
    public int ExpirySweepBatchSize { get; set; } = 200;

    /// <summary>Lists hide coupons that expired longer ago than this.</summary>
    public TimeSpan ExpiredCouponListHorizon { get; set; } = TimeSpan.FromDays(730);

    /// <summary>Key of the pseudonyms in CSV exports; without it a random key per process is used.</summary>
    public string? ExportPseudonymKey { get; set; }

    /// <summary>
    /// Role certification test vouchers: role name → face value, currency and validity (3 default
    /// roles above). The key predates role selection vouchers and keeps its meaning.
    /// </summary>
    public Dictionary<string, TestVoucherRole>? TestVoucherRoles { get; set; }

    /// <summary>Role selection test vouchers: role name → face value, currency and validity (3 default roles above).</summary>
    public Dictionary<string, TestVoucherRole>? RoleSelectionTestVoucherRoles { get; set; }

    public IReadOnlyList<string> EffectiveCloudServiceTypes => CloudServiceTypes is { Length: > 0 } types ? types : DefaultCloudServiceTypes;

    /// <summary>The roles a voucher of <paramref name="kind"/> is given for; configured roles replace all the default ones.</summary>
    public IReadOnlyDictionary<string, TestVoucherRole> TestVoucherRolesOf(TestVoucherKind kind) => kind switch
    {
        TestVoucherKind.RoleSelection => RoleSelectionTestVoucherRoles is { Count: > 0 } roles ? roles : DefaultRoleSelectionVouchers,
        _ => TestVoucherRoles is { Count: > 0 } roles ? roles : DefaultRoleCertificationVouchers,
    };
}

/// <summary>What a role test voucher is worth.</summary>
public sealed class TestVoucherRole
{
    public decimal FaceValue { get; set; }

    public string Currency { get; set; } = "CNY";

    public int ValidDays { get; set; } = 90;
}
