using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PartnerPlatform.ServiceDefaults.Tests.Infrastructure;

namespace PartnerPlatform.ServiceDefaults.Tests;

public sealed class PagingTests : IAsyncLifetime
{
    private static readonly string[] Names = [.. Enumerable.Range(1, 25).Select(i => $"item-{i:00}")];

    private SampleHost _host = null!;

    public async Task InitializeAsync() => _host = await SampleHost.StartAsync(map: app =>
        app.MapGet("/v2/samples", (PageRequest page) =>
                TypedResults.Ok(new PagedResponse<string>("samples", Names.Length, [.. Names.Page(page)])))
            .AllowAnonymous());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Without_parameters_the_first_ten_come_with_the_total_count()
    {
        var body = await _host.Client.GetFromJsonAsync<JsonElement>("/v2/samples");
        Assert.Equal(25, body.GetProperty("total_count").GetInt32());
        var items = body.GetProperty("samples").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(Names.Take(10), items);
    }

    [Fact]
    public async Task Offset_and_limit_select_the_page()
    {
        var body = await _host.Client.GetFromJsonAsync<JsonElement>("/v2/samples?offset=20&limit=100");
        Assert.Equal(["item-21", "item-22", "item-23", "item-24", "item-25"], body.GetProperty("samples").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("offset=-1", "offset")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("offset=1.5", "offset")]
    public async Task Out_of_range_or_non_integer_values_are_rejected_not_clamped(string query, string field)
    {
        var body = await ProblemAssert.IsProblem(await _host.Client.GetAsync("/v2/samples?" + query), HttpStatusCode.BadRequest, "CBC.0100");
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Fact]
    public void Paging_inside_a_body_is_validated_the_same_way()
    {
        Assert.Equal(PageRequest.Default, PageRequest.Create(null, null));
        var error = Assert.Throws<ApiException>(() => PageRequest.Create(0, 1000));
        Assert.Equal(ErrorCodes.InvalidParameter, error.Error);
        Assert.Equal(100, PageRequest.Create(5, 100).Limit);
    }

    [Fact]
    public void A_page_reads_back_from_its_json()
    {
        var json = JsonSerializer.Serialize(new PagedResponse<int>("numbers", 3, [1, 2]), PlatformJson.Options);
        Assert.Equal("""{"total_count":3,"numbers":[1,2]}""", json);
        var page = JsonSerializer.Deserialize<PagedResponse<int>>(json, PlatformJson.Options)!;
        Assert.Equal("numbers", page.ItemsName);
        Assert.Equal(3, page.TotalCount);
        Assert.Equal([1, 2], page.Items);
    }
}
