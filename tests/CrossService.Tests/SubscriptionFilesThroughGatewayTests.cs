extern alias subscriptionfiles;

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using CrossService.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Contracts.SubscriptionFiles;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.Testing;
using SubscriptionFilesProgram = subscriptionfiles::Program;
using subscriptionfiles::SubscriptionFiles.Api;
using subscriptionfiles::SubscriptionFiles.Api.Data;
using subscriptionfiles::SubscriptionFiles.Api.Domain;
using subscriptionfiles::SubscriptionFiles.Api.Infrastructure;

namespace CrossService.Tests;

/// <summary>
/// Issue 19's "done when", through the gateway's public routes: a partner subscribes, gets its first
/// delivery into a local bucket and an S3 bucket (a real s3rver) with a valid manifest before the next
/// Wednesday 24:00 Beijing time, exports its customers anonymised and downloads the file.
/// </summary>
public sealed class SubscriptionFilesThroughGatewayTests(SubscriptionFilesThroughGatewayTests.Host host)
    : IClassFixture<SubscriptionFilesThroughGatewayTests.Host>
{
    /// <summary>Wednesday 2027-03-03 23:59 Beijing time: the first delivery is due before Wednesday 2027-03-10 24:00, not that night.</summary>
    private static readonly DateTimeOffset Subscribed = DateTimeOffset.Parse("2027-03-03T23:59:00+08:00");

    private static readonly DateTimeOffset PeriodEnd = DateTimeOffset.Parse("2027-03-08T00:00:00+08:00");

    [Fact]
    public async Task A_partner_subscribes_gets_its_first_delivery_into_a_local_and_an_S3_bucket_and_exports_its_customers_anonymised()
    {
        host.Clock.SetUtcNow(Subscribed.ToUniversalTime());
        var occurredAt = Subscribed.ToUniversalTime();
        var partner = Guid.NewGuid();
        var customers = Enumerable.Range(1, 3).Select(i => (Id: Guid.NewGuid(), Name: $"Wang Fang {i} Cloud Services, Ltd.")).ToList();
        foreach (var (id, name) in customers)
        {
            await host.PublishAsync(new CustomerCreated(id, partner, null, name, "reseller", occurredAt));
            await host.PublishAsync(new CustomerAssociated(partner, id, "reseller", null, occurredAt));
            await host.PublishAsync(new ConsumptionRecorded(
                Guid.NewGuid(), partner, id, null, "ecs.standard", "cn-north-4", DateOnly.FromDateTime(Subscribed.Date), 42.10m, "CNY", occurredAt));
        }

        await Eventually.HoldsAsync(
            async () =>
            {
                using var scope = host.Services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<SubscriptionFilesDbContext>();
                return await db.Customers.CountAsync(c => c.PartnerId == partner && c.Associated) == 3
                    && await db.ConsumptionRecords.CountAsync(r => r.PartnerId == partner) == 3;
            },
            TimeSpan.FromSeconds(30),
            "the customers and their consumption are in the read models");

        var localBucket = host.NewLocalBucket();
        var s3Bucket = await host.NewS3BucketAsync();
        await using var gateway = await GatewayInFront.StartAsync(new Dictionary<string, Uri> { ["subscription-files-api"] = host.BaseAddress });
        // The gateway checks the token on the real clock, the service on its own clock in 2027: one token valid for both.
        using var client = gateway.CreateClient();
        var caller = new CurrentCaller { IsAuthenticated = true, UserId = Guid.NewGuid().ToString(), PartnerId = partner.ToString() };
        var issuedAt = DateTimeOffset.UtcNow.AddDays(-1);
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(caller, issuedAt, PeriodEnd.AddDays(30) - issuedAt));

        await ProblemAssert.IsSuccess(await client.PostAsJsonAsync("/v2/partners/subscriptions", new
        {
            contents = new[] { "customer_information" }, bucket = new { kind = "local", name = localBucket, prefix = "partner-center" },
        }), HttpStatusCode.Created);
        await ProblemAssert.IsSuccess(await client.PostAsJsonAsync("/v2/partners/subscriptions", new
        {
            contents = new[] { "customer_consumption_summary" }, bucket = new { kind = "s3", name = s3Bucket },
        }), HttpStatusCode.Created);
        var pending = await ProblemAssert.IsSuccess(await client.GetAsync("/v2/partners/subscriptions/deliveries"));
        Assert.Equal(2, pending.GetProperty("total_count").GetInt32());
        var deliverBy = DateTimeOffset.Parse("2027-03-11T00:00:00+08:00");
        Assert.All(pending.GetProperty("deliveries").EnumerateArray(), d => Assert.Equal(deliverBy, d.GetProperty("deliver_by").GetDateTimeOffset()));

        // The period closes on Monday 00:00 Beijing time; the service's own sweeper delivers it.
        host.Clock.SetUtcNow(PeriodEnd.ToUniversalTime());
        JsonElement delivered = default;
        await Eventually.HoldsAsync(
            async () =>
            {
                delivered = await ProblemAssert.IsSuccess(await client.GetAsync("/v2/partners/subscriptions/deliveries?status=delivered"));
                return delivered.GetProperty("total_count").GetInt32() == 2;
            },
            TimeSpan.FromSeconds(60),
            "both first deliveries are delivered");

        var storage = host.Services.GetRequiredService<BucketStorage>();
        foreach (var delivery in delivered.GetProperty("deliveries").EnumerateArray())
        {
            Assert.True(delivery.GetProperty("delivered_at").GetDateTimeOffset() < deliverBy);
            var content = delivery.GetProperty("content").GetString()!;
            var bucket = content == "customer_information"
                ? storage.Open(BucketKind.Local, localBucket)
                : storage.Open(BucketKind.S3, s3Bucket);
            var manifestKey = delivery.GetProperty("manifest_key").GetString()!;
            Assert.Equal(content == "customer_information" ? "partner-center/customer_information/2027-03-01_2027-03-08/manifest.json"
                : "customer_consumption_summary/2027-03-01_2027-03-08/manifest.json", manifestKey);

            var manifestResponse = await client.GetAsync($"/v2/partners/subscriptions/deliveries/{delivery.GetProperty("id").GetGuid()}/manifest");
            Assert.Equal(HttpStatusCode.OK, manifestResponse.StatusCode);
            var manifestText = await manifestResponse.Content.ReadAsStringAsync();
            Assert.Equal(Encoding.UTF8.GetString(await ReadAsync(bucket, manifestKey)), manifestText);

            var manifest = JsonDocument.Parse(manifestText).RootElement;
            Assert.Equal("2027-03-01/2027-03-08", manifest.GetProperty("period").GetString());
            Assert.Equal(1, manifest.GetProperty("schema_version").GetInt32());
            var folder = manifestKey[..^"manifest.json".Length];
            var rows = new List<string>();
            foreach (var file in manifest.GetProperty("files").EnumerateArray())
            {
                var bytes = await ReadAsync(bucket, folder + file.GetProperty("name").GetString());
                Assert.Equal(file.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
                Assert.Equal(file.GetProperty("bytes").GetInt64(), bytes.Length);
                var lines = Encoding.UTF8.GetString(bytes).Split("\r\n")[1..^1];
                Assert.Equal(file.GetProperty("rows").GetInt64(), lines.Length);
                rows.AddRange(lines);
            }

            Assert.Equal(3, manifest.GetProperty("total_rows").GetInt64());
            Assert.Equal(customers.Select(c => c.Id.ToString()).Order(), rows.Select(r => r.Split(',')[0]).Order());
            Assert.DoesNotContain(rows, row => customers.Any(c => row.Contains(c.Name, StringComparison.Ordinal)));
        }

        var export = await ProblemAssert.IsSuccess(await client.PostAsJsonAsync("/v2/partners/exports", new { list = "customers" }), HttpStatusCode.Accepted);
        var exportId = export.GetProperty("id").GetGuid();
        string? downloadUrl = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                var record = await ProblemAssert.IsSuccess(await client.GetAsync($"/v2/partners/exports/{exportId}"));
                downloadUrl = record.GetProperty("status").GetString() == "completed" ? record.GetProperty("download_url").GetString() : null;
                return downloadUrl is not null;
            },
            TimeSpan.FromSeconds(30),
            "the export completed");

        var download = await client.GetAsync(downloadUrl);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/csv", download.Content.Headers.ContentType?.MediaType);
        var exported = (await download.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = exported[0].Split(',');
        var nameColumn = Array.IndexOf(header, "customer_name");
        Assert.True(nameColumn > 0);
        Assert.Equal(3, exported.Length - 1);
        Assert.Equal(customers.Select(c => PiiMask.Name(c.Name)).Order(), exported[1..].Select(line => line.Split(',')[nameColumn]).Order());
        Assert.DoesNotContain(exported, line => customers.Any(c => line.Contains(c.Name, StringComparison.Ordinal)));
    }

    private static async Task<byte[]> ReadAsync(IBucket bucket, string key)
    {
        await using var stream = await bucket.OpenReadAsync(key, CancellationToken.None);
        Assert.NotNull(stream);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    /// <summary>
    /// subscription-files-api on its socket with a local bucket root of its own, a sweeper that runs every
    /// half second, and a real S3-compatible server: s3rver, pinned by the lock file of
    /// <c>tests/SubscriptionFiles.Tests/S3Server</c>, started on a free loopback port.
    /// </summary>
    public sealed class Host : ServiceApiFactory<SubscriptionFilesProgram>
    {
        private const string S3Key = "S3RVER";

        private readonly string _folder = Path.Combine(Path.GetTempPath(), "subscription-files-gateway-" + Guid.NewGuid().ToString("N"));
        private Process? _s3rver;
        private Uri _s3Url = null!;

        protected override string DatabaseName => SubscriptionFilesExtensions.DatabaseConnectionName;

        private string LocalBucketRoot => Path.Combine(_folder, "buckets");

        public override async Task InitializeAsync()
        {
            Directory.CreateDirectory(LocalBucketRoot);
            await StartS3rverAsync();
            await base.InitializeAsync();
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (_s3rver is { HasExited: false })
            {
                _s3rver.Kill(entireProcessTree: true);
                await _s3rver.WaitForExitAsync();
            }

            _s3rver?.Dispose();
            GC.SuppressFinalize(this);
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }

        public string NewLocalBucket()
        {
            var name = "bucket-" + Guid.NewGuid().ToString("N")[..12];
            Directory.CreateDirectory(Path.Combine(LocalBucketRoot, name));
            return name;
        }

        public async Task<string> NewS3BucketAsync()
        {
            var name = "bucket-" + Guid.NewGuid().ToString("N")[..12];
            using var s3 = new AmazonS3Client(new BasicAWSCredentials(S3Key, S3Key), new AmazonS3Config { ServiceURL = _s3Url.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
            await s3.PutBucketAsync(name);
            return name;
        }

        protected override void ConfigureService(IWebHostBuilder builder)
        {
            builder.UseSetting("SubscriptionFiles:LocalBucketRoot", LocalBucketRoot);
            builder.UseSetting("SubscriptionFiles:ExportRoot", Path.Combine(_folder, "exports"));
            builder.UseSetting("SubscriptionFiles:SweepInterval", "00:00:00.500");
            builder.UseSetting("SubscriptionFiles:S3:ServiceUrl", _s3Url.ToString());
            builder.UseSetting("SubscriptionFiles:S3:AccessKey", S3Key);
            builder.UseSetting("SubscriptionFiles:S3:SecretKey", S3Key);
        }

        private async Task StartS3rverAsync()
        {
            var serverFolder = ServerFolder();
            if (!File.Exists(Path.Combine(serverFolder, "node_modules", "s3rver", "bin", "s3rver.js")))
            {
                using var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = serverFolder, UseShellExecute = false })!;
                await npm.WaitForExitAsync();
                Assert.Equal(0, npm.ExitCode);
            }

            int port;
            using (var listener = new TcpListener(IPAddress.Loopback, 0))
            {
                listener.Start();
                port = ((IPEndPoint)listener.LocalEndpoint).Port;
            }

            _s3Url = new Uri($"http://127.0.0.1:{port}");
            var data = Path.Combine(_folder, "s3");
            Directory.CreateDirectory(data);
            var start = new ProcessStartInfo("node") { WorkingDirectory = serverFolder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { Path.Combine("node_modules", "s3rver", "bin", "s3rver.js"), "-d", data, "-a", "127.0.0.1", "-p", port.ToString(), "--silent" })
            {
                start.ArgumentList.Add(argument);
            }

            _s3rver = Process.Start(start)!;
            _s3rver.OutputDataReceived += (_, _) => { };
            _s3rver.ErrorDataReceived += (_, _) => { };
            _s3rver.BeginOutputReadLine();
            _s3rver.BeginErrorReadLine();
            await Eventually.HoldsAsync(
                async () =>
                {
                    try
                    {
                        using var probe = new TcpClient();
                        await probe.ConnectAsync(IPAddress.Loopback, port);
                        return true;
                    }
                    catch (SocketException)
                    {
                        return false;
                    }
                },
                TimeSpan.FromSeconds(30),
                "s3rver listens");
        }

        private static string ServerFolder()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "tests", "SubscriptionFiles.Tests", "S3Server");
                if (File.Exists(Path.Combine(candidate, "package-lock.json")))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException("tests/SubscriptionFiles.Tests/S3Server was not found above " + AppContext.BaseDirectory);
        }
    }
}
