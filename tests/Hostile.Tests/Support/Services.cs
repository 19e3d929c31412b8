extern alias identity;
extern alias resellers;
extern alias coupons;
extern alias opportunities;
extern alias incentives;
extern alias subscriptionfiles;

using Microsoft.AspNetCore.Hosting;

namespace Hostile.Tests.Support;

/// <summary>Each of the six services on a socket of its own over real servers (<see cref="ServiceApiFactory{TProgram}"/>).</summary>
public sealed class IdentityService : ServiceApiFactory<identity::Program>
{
    private readonly string _notifications = Path.Combine(Path.GetTempPath(), "hostile-notifications-" + Guid.NewGuid().ToString("N") + ".jsonl");

    protected override string DatabaseName => "identitydb";

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        builder.UseSetting("Identity:Notifications:FilePath", _notifications);
        builder.UseSetting("Identity:VerificationCodes:HashKey", "hostile-" + Guid.NewGuid().ToString("N"));
        builder.UseSetting("RateLimiting:Limit", "100000");
    }
}

public sealed class ResellersService : ServiceApiFactory<resellers::Program>
{
    protected override string DatabaseName => "resellersdb";

    protected override void ConfigureService(IWebHostBuilder builder) => builder.UseSetting("RateLimiting:Limit", "100000");
}

public sealed class CouponsService : ServiceApiFactory<coupons::Program>
{
    protected override string DatabaseName => "couponsdb";

    protected override void ConfigureService(IWebHostBuilder builder) => builder.UseSetting("RateLimiting:Limit", "100000");
}

public sealed class OpportunitiesService : ServiceApiFactory<opportunities::Program>
{
    protected override string DatabaseName => "opportunitiesdb";

    protected override void ConfigureService(IWebHostBuilder builder) => builder.UseSetting("RateLimiting:Limit", "100000");
}

public sealed class IncentivesService : ServiceApiFactory<incentives::Program>
{
    protected override string DatabaseName => "incentivesdb";

    protected override void ConfigureService(IWebHostBuilder builder) => builder.UseSetting("RateLimiting:Limit", "100000");
}

public sealed class SubscriptionFilesService : ServiceApiFactory<subscriptionfiles::Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hostile-files-" + Guid.NewGuid().ToString("N"));

    protected override string DatabaseName => "subscriptionfilesdb";

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        builder.UseSetting("SubscriptionFiles:LocalBucketRoot", Path.Combine(_folder, "buckets"));
        builder.UseSetting("SubscriptionFiles:ExportRoot", Path.Combine(_folder, "exports"));
        builder.UseSetting("RateLimiting:Limit", "100000");
    }
}
