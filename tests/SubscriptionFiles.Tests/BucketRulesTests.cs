using System.Net;
using System.Net.Http.Json;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.Testing;
using SubscriptionFiles.Tests.Support;

namespace SubscriptionFiles.Tests;

/// <summary>A bucket is proven writable when subscribing and is never shared; each content is subscribed once.</summary>
public sealed class BucketRulesTests(SubscriptionFilesApiFactory api) : IClassFixture<SubscriptionFilesApiFactory>
{
    [Fact]
    public async Task A_bucket_that_cannot_be_written_is_refused()
    {
        using var client = api.Partner(Guid.NewGuid());
        var response = await Subscribe(client, ["performance"], "never-created-" + Guid.NewGuid().ToString("N")[..8]);
        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "CBC.99009001");
    }

    [Fact]
    public async Task A_bucket_of_another_partner_is_refused_even_for_other_contents()
    {
        var bucket = api.NewLocalBucket();
        await api.SubscribeAsync(Guid.NewGuid(), bucket, ["performance"]);

        using var other = api.Partner(Guid.NewGuid());
        await ProblemAssert.IsProblem(await Subscribe(other, ["customer_information"], bucket), HttpStatusCode.Conflict, "CBC.99009002");
    }

    [Fact]
    public async Task A_partner_may_reuse_its_own_bucket_but_subscribes_to_a_content_once()
    {
        var partner = Guid.NewGuid();
        var bucket = api.NewLocalBucket();
        await api.SubscribeAsync(partner, bucket, ["performance"]);
        await api.SubscribeAsync(partner, bucket, ["customer_information"], prefix: "second");

        using var client = api.Partner(partner);
        await ProblemAssert.IsProblem(await Subscribe(client, ["new_customer_tags", "performance"], bucket), HttpStatusCode.Conflict, "CBC.99009003");
        var list = await ProblemAssert.IsSuccess(await client.GetAsync("/v2/partners/subscriptions"));
        Assert.Equal(2, list.GetProperty("total_count").GetInt32());
    }

    [Fact]
    public async Task Of_eight_identical_racing_subscriptions_exactly_one_is_created()
    {
        var partner = Guid.NewGuid();
        var bucket = api.NewLocalBucket();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var client = api.Partner(partner);
            return await Subscribe(client, ["order_resource_details", "performance"], bucket);
        }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var lost in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await ProblemAssert.IsProblem(lost, HttpStatusCode.Conflict, "CBC.99009003");
        }

        await using var db = api.Db();
        Assert.Equal(2, db.Deliveries.Count(d => d.PartnerId == partner));
    }

    [Fact]
    public async Task Of_partners_racing_for_one_bucket_exactly_one_gets_it()
    {
        var bucket = api.NewLocalBucket();
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            using var client = api.Partner(Guid.NewGuid());
            return await Subscribe(client, ["performance"], bucket);
        }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var lost in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await ProblemAssert.IsProblem(lost, HttpStatusCode.Conflict, "CBC.99009002");
        }
    }

    [Theory]
    [InlineData("""{"contents":[],"bucket":{"name":"abc-bucket"}}""")]
    [InlineData("""{"contents":["weather"],"bucket":{"name":"abc-bucket"}}""")]
    [InlineData("""{"contents":["performance","performance"],"bucket":{"name":"abc-bucket"}}""")]
    [InlineData("""{"contents":["performance"]}""")]
    [InlineData("""{"contents":["performance"],"bucket":{"name":"../etc"}}""")]
    [InlineData("""{"contents":["performance"],"bucket":{"name":"abc-bucket","prefix":"a/../../b"}}""")]
    [InlineData("""{"contents":["performance"],"bucket":{"kind":"ftp","name":"abc-bucket"}}""")]
    public async Task Malformed_subscriptions_are_refused_with_a_field_error(string body)
    {
        using var client = api.Partner(Guid.NewGuid());
        var response = await client.PostAsync("/v2/partners/subscriptions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameter.Code);
    }

    [Fact]
    public async Task An_S3_bucket_is_refused_where_no_S3_storage_is_configured()
    {
        using var client = api.Partner(Guid.NewGuid());
        var response = await client.PostAsJsonAsync("/v2/partners/subscriptions", new { contents = new[] { "performance" }, bucket = new { kind = "s3", name = "abc-bucket" } });
        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "CBC.99009004");
    }

    [Fact]
    public async Task The_service_error_codes_and_enums_are_served()
    {
        using var client = api.CreateCallerClient(null);
        var codes = await ProblemAssert.IsSuccess(await client.GetAsync("/v2/reference/error-codes"));
        Assert.Contains(codes.GetProperty("error_codes").EnumerateArray(), c => c.GetProperty("error_code").GetString() == "CBC.99009002");
        var contents = await ProblemAssert.IsSuccess(await client.GetAsync("/v2/reference/subscription-contents"));
        Assert.Equal(9, contents.GetProperty("values").GetArrayLength());
        await ProblemAssert.IsProblem(await client.GetAsync("/v2/reference/no-such-enum"), HttpStatusCode.NotFound, ErrorCodes.NotFound.Code);
    }

    private static Task<HttpResponseMessage> Subscribe(HttpClient client, string[] contents, string bucket) =>
        client.PostAsJsonAsync("/v2/partners/subscriptions", new { contents, bucket = new { kind = "local", name = bucket } });
}
