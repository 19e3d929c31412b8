using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SubscriptionFiles.Api.DemoData;
using SubscriptionFiles.Api.Domain;
using SubscriptionFiles.Tests.Support;

namespace SubscriptionFiles.Tests;

/// <summary>The demo: identity's demo distributor subscribed to several contents with one delivery made; seeding twice changes nothing.</summary>
public sealed class DemoDataTests(SubscriptionFilesApiFactory api) : IClassFixture<SubscriptionFilesApiFactory>
{
    [Fact]
    public async Task The_demo_distributor_is_subscribed_to_several_contents_with_one_delivery_made()
    {
        var first = await SeedAsync();
        Assert.Equal(2, first.Count);

        await using var db = api.Db();
        var subscription = await db.Subscriptions.Include(s => s.Contents).SingleAsync(s => s.PartnerId == DemoPartners.Distributor);
        Assert.Equal(SubscriptionFilesDemoData.Contents.Length, subscription.Contents.Count);
        var delivered = await db.Deliveries.SingleAsync(d => d.PartnerId == DemoPartners.Distributor && d.Status == DeliveryStatus.Delivered);
        Assert.Equal(Content.CustomerConsumptionSummary, delivered.Content);
        Assert.True(delivered.RowCount > 0);
        var (manifest, _) = await Manifests.ReadVerifiedAsync(
            api.OpenBucket(BucketKind.Local, SubscriptionFilesDemoData.BucketName), delivered.ManifestKey![..^"manifest.json".Length]);
        Assert.Equal(delivered.Period, manifest.GetProperty("period").GetString());

        var again = await SeedAsync();
        Assert.Single(again);
        Assert.Equal(1, await db.Subscriptions.CountAsync(s => s.PartnerId == DemoPartners.Distributor));
    }

    private async Task<List<string>> SeedAsync()
    {
        await using var scope = api.Services.CreateAsyncScope();
        return [.. await ActivatorUtilities.CreateInstance<SubscriptionFilesDemoData>(scope.ServiceProvider).SeedAsync(CancellationToken.None)];
    }
}
