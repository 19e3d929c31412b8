using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using PartnerPlatform.ServiceDefaults.Tests.Infrastructure;
using PartnerPlatform.ServiceDefaults.Tests.SampleService;

namespace PartnerPlatform.ServiceDefaults.Tests;

/// <summary>
/// One small service on a real socket (127.0.0.1:0), built like every service —
/// <c>AddServiceDefaults</c>, its own registrations, <c>MapDefaultEndpoints</c>, its <c>Map…Api</c> —
/// against the real PostgreSQL and Redis: each block answers through it.
/// </summary>
public sealed class SampleServiceTests(PostgresDatabaseFixture database, RedisDatabaseFixture redis)
    : IClassFixture<PostgresDatabaseFixture>, IClassFixture<RedisDatabaseFixture>, IAsyncLifetime
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private SampleHost _host = null!;

    public async Task InitializeAsync() => _host = await SampleHost.StartAsync(
        settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:vouchersdb"] = database.ConnectionString,
            ["ConnectionStrings:redis"] = redis.ConnectionString,
        },
        configure: builder =>
        {
            builder.AddPostgresHealthCheck("vouchersdb");
            builder.AddIdempotency("vouchersdb");
            builder.Services.AddErrorCodes(VouchersApi.VoucherAlreadyRedeemed);
            builder.Services.AddSingleton<VoucherStore>();
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new Collector(_spans)));
        },
        map: app => app.MapVouchersApi(),
        kestrel: true);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Health_reports_the_database_and_redis()
    {
        var body = await _host.Client.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal(
            ["postgres-vouchersdb", "redis"],
            body.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order());
    }

    [Fact]
    public async Task A_request_without_a_token_is_refused_with_a_code_and_a_trace_id_of_its_server_span()
    {
        var body = await ProblemAssert.IsProblem(await _host.Client.GetAsync("/v2/partners/vouchers"), HttpStatusCode.Unauthorized, "CBC.0154");

        var traceId = body.GetProperty("trace_id").GetString()!.Split('-')[1];
        var span = await WaitForSpanAsync(s => s.TraceId.ToHexString() == traceId && s.Kind == ActivityKind.Server);
        Assert.Equal(401, span.GetTagItem("http.response.status_code"));
    }

    [Fact]
    public async Task Issuing_needs_the_permission_item()
    {
        using var client = Client(Callers.Partner("p-1"));
        var response = await PostAsync(client, Guid.NewGuid().ToString(), new IssueVoucher("13812345678", 50m));
        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, "CBC.0155");
    }

    [Fact]
    public async Task A_voucher_is_issued_once_per_key_read_masked_paged_and_updated_with_its_etag()
    {
        using var client = Client(Callers.Partner("p-1", permissions: ["vouchers.issue"]));
        var key = Guid.NewGuid().ToString();

        var issued = await PostAsync(client, key, new IssueVoucher("0086-13812345678", 50m));
        var replayed = await PostAsync(client, key, new IssueVoucher("0086-13812345678", 50m));
        await ProblemAssert.IsProblem(await PostAsync(client, key, new IssueVoucher("0086-13812345678", 60m)), HttpStatusCode.UnprocessableEntity, "CBC.0158");

        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        Assert.Equal(await issued.Content.ReadAsStringAsync(), await replayed.Content.ReadAsStringAsync());
        var voucher = await issued.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("0086-138****5678", voucher.GetProperty("recipient_mobile").GetString());
        Assert.Equal("issued", voucher.GetProperty("status").GetString());
        Assert.EndsWith("Z", voucher.GetProperty("issued_at").GetString(), StringComparison.Ordinal);
        var location = issued.Headers.Location!.ToString();

        var page = await client.GetFromJsonAsync<JsonElement>("/v2/partners/vouchers?offset=0&limit=10");
        Assert.Equal(1, page.GetProperty("total_count").GetInt32());
        Assert.Single(page.GetProperty("vouchers").EnumerateArray());
        await ProblemAssert.IsProblem(await client.GetAsync("/v2/partners/vouchers?limit=500"), HttpStatusCode.BadRequest, "CBC.0100");

        var read = await client.GetAsync(location);
        var etag = read.Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(client, location, etag, new UpdateVoucher(80m))).StatusCode);
        await ProblemAssert.IsProblem(await PutAsync(client, location, etag, new UpdateVoucher(90m)), HttpStatusCode.PreconditionFailed, "CBC.0157");
        await ProblemAssert.IsProblem(await PutAsync(client, location, null, new UpdateVoucher(90m)), HttpStatusCode.PreconditionFailed, "CBC.0157");

        using var otherPartner = Client(Callers.Partner("p-2"));
        await ProblemAssert.IsProblem(await otherPartner.GetAsync(location), HttpStatusCode.NotFound, "CBC.0156");
    }

    [Fact]
    public async Task Vendor_staff_are_not_partners()
    {
        using var client = Client(Callers.Vendor("ops"));
        await ProblemAssert.IsProblem(await client.GetAsync("/v2/partners/vouchers"), HttpStatusCode.Forbidden, "CBC.0151");
    }

    [Fact]
    public async Task The_catalogue_holds_the_services_own_code()
    {
        var body = await _host.Client.GetFromJsonAsync<JsonElement>("/v2/reference/error-codes");
        Assert.Contains(body.GetProperty("error_codes").EnumerateArray(), c => c.GetProperty("error_code").GetString() == "CBC.99000101");
    }

    private HttpClient Client(CurrentCaller caller)
    {
        var client = new HttpClient { BaseAddress = _host.Client.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _host.IssueToken(caller));
        return client;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string key, IssueVoucher body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v2/partners/vouchers") { Content = JsonContent.Create(body, options: PlatformJson.Options) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string location, string? etag, UpdateVoucher body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, location) { Content = JsonContent.Create(body, options: PlatformJson.Options) };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return client.SendAsync(request);
    }

    private async Task<Activity> WaitForSpanAsync(Func<Activity, bool> predicate)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_spans.FirstOrDefault(predicate) is { } span)
            {
                return span;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("No matching span was recorded.");
    }

    private sealed class Collector(ConcurrentQueue<Activity> spans) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => spans.Enqueue(data);
    }
}
