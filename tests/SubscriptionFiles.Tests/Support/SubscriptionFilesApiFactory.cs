using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.Testing;
using SubscriptionFiles.Api;
using SubscriptionFiles.Api.Application;
using SubscriptionFiles.Api.Data;
using SubscriptionFiles.Api.Domain;
using SubscriptionFiles.Api.Infrastructure;

namespace SubscriptionFiles.Tests.Support;

/// <summary>
/// subscription-files-api over real servers, with local buckets and exports in a temporary folder of
/// its own, files of at most 2 rows read in keyset pages of 2 (so splitting and paging are exercised by
/// small data), and sweepers that wait an hour (tests run due work themselves). With
/// <see cref="WithS3"/>, a real S3-compatible server is started first.
/// </summary>
public class SubscriptionFilesApiFactory : ServiceApiFactory<Program>
{
    public const int MaxRowsPerFile = 2;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "subscription-files-tests-" + Guid.NewGuid().ToString("N"));

    public S3ServerFixture? S3 { get; private set; }

    public string LocalBucketRoot => Path.Combine(_folder, "buckets");

    protected virtual bool WithS3 => false;

    protected override string DatabaseName => SubscriptionFilesExtensions.DatabaseConnectionName;

    public override async Task InitializeAsync()
    {
        Directory.CreateDirectory(LocalBucketRoot);
        if (WithS3)
        {
            S3 = new S3ServerFixture();
            await S3.StartAsync();
        }

        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (S3 is not null)
        {
            await S3.DisposeAsync();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        builder.UseSetting("SubscriptionFiles:LocalBucketRoot", LocalBucketRoot);
        builder.UseSetting("SubscriptionFiles:ExportRoot", Path.Combine(_folder, "exports"));
        builder.UseSetting("SubscriptionFiles:MaxRowsPerFile", MaxRowsPerFile.ToString());
        builder.UseSetting("SubscriptionFiles:PageSize", "2");
        builder.UseSetting("SubscriptionFiles:SweepInterval", "01:00:00");
        // Tests move the clock by days and read the published events back from the outbox.
        builder.UseSetting("Messaging:OutboxSentRetention", "3650.00:00:00");
        if (S3 is not null)
        {
            builder.UseSetting("SubscriptionFiles:S3:ServiceUrl", S3.ServiceUrl.ToString());
            builder.UseSetting("SubscriptionFiles:S3:AccessKey", S3ServerFixture.AccessKey);
            builder.UseSetting("SubscriptionFiles:S3:SecretKey", S3ServerFixture.SecretKey);
        }
    }

    /// <summary>A client acting for <paramref name="partnerId"/> as its main account (every permission item the service checks).</summary>
    public HttpClient Partner(Guid partnerId) =>
        CreateCallerClient(new CurrentCaller
        {
            IsAuthenticated = true,
            UserId = "user-" + partnerId.ToString("N")[..8],
            PartnerId = partnerId.ToString(),
            Permissions = new HashSet<string>(StringComparer.Ordinal) { "partner.manage" },
        });

    /// <summary>A member of <paramref name="partnerId"/> without any permission item.</summary>
    public HttpClient PartnerMember(Guid partnerId) =>
        CreateCallerClient(new CurrentCaller { IsAuthenticated = true, UserId = "member-" + partnerId.ToString("N")[..8], PartnerId = partnerId.ToString() });

    /// <summary>A new local bucket directory (buckets are never created by the service).</summary>
    public string NewLocalBucket()
    {
        var name = "bucket-" + Guid.NewGuid().ToString("N")[..12];
        Directory.CreateDirectory(Path.Combine(LocalBucketRoot, name));
        return name;
    }

    public IBucket OpenBucket(BucketKind kind, string name) => Services.GetRequiredService<BucketStorage>().Open(kind, name);

    public SubscriptionFilesDbContext Db() =>
        new(new DbContextOptionsBuilder<SubscriptionFilesDbContext>().UseNpgsql(DatabaseConnectionString).Options);

    public Task<int> RunDueDeliveriesAsync() => Services.GetRequiredService<DeliveryRunner>().RunDueAsync(CancellationToken.None);

    public Task<int> RunPendingExportsAsync() => Services.GetRequiredService<ExportRunner>().RunDueAsync(CancellationToken.None);

    /// <summary>Subscribes and returns the subscription's body.</summary>
    public async Task<JsonElement> SubscribeAsync(Guid partnerId, string bucket, string[] contents, string kind = "local", string? prefix = null)
    {
        using var client = Partner(partnerId);
        var response = await client.PostAsJsonAsync("/v2/partners/subscriptions", new { contents, bucket = new { kind, name = bucket, prefix } });
        return await ProblemAssert.IsSuccess(response, System.Net.HttpStatusCode.Created);
    }

    /// <summary>Events of <typeparamref name="T"/> this service wrote into its outbox for <paramref name="partnerId"/>.</summary>
    public async Task<List<JsonElement>> OutboxEventsAsync<T>(Guid partnerId)
    {
        await using var db = Db();
        var payloads = await db.Database
            .SqlQuery<string>($"SELECT payload::text AS \"Value\" FROM outbox_messages WHERE message_type LIKE {"%" + typeof(T).Name + "%"} ORDER BY created_at, id")
            .ToListAsync();
        return [.. payloads.Select(p => JsonDocument.Parse(p).RootElement)
            .Where(p => p.TryGetProperty("partnerId", out var id) ? id.GetGuid() == partnerId : p.GetProperty("PartnerId").GetGuid() == partnerId)];
    }
}

/// <summary>The service with a real S3-compatible server beside it.</summary>
public sealed class S3SubscriptionFilesApiFactory : SubscriptionFilesApiFactory
{
    protected override bool WithS3 => true;
}
