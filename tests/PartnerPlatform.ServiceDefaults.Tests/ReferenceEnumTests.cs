using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PartnerPlatform.ServiceDefaults.Tests.Infrastructure;

namespace PartnerPlatform.ServiceDefaults.Tests;

public sealed class ReferenceEnumTests : IAsyncLifetime
{
    public enum SampleStatus
    {
        Active,
        OnHold,
    }

    private SampleHost _host = null!;

    public async Task InitializeAsync() => _host = await SampleHost.StartAsync(
        configure: builder => builder.Services
            .AddReferenceEnum<SampleStatus>("sample-statuses")
            .AddReferenceEnum("sample-regions", _ => ["cn", "intl"]),
        map: app => app.MapReferenceEnums());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_registered_enum_answers_its_values_as_the_api_writes_them_anonymously()
    {
        var body = await ProblemAssert.IsSuccess(await _host.Client.GetAsync("/v2/reference/sample-statuses"));

        Assert.Equal("sample-statuses", body.GetProperty("name").GetString());
        Assert.Equal(["active", "on_hold"], body.GetProperty("values").EnumerateArray().Select(v => v.GetString()!));
    }

    [Fact]
    public async Task A_list_of_values_registers_like_an_enum()
    {
        var body = await ProblemAssert.IsSuccess(await _host.Client.GetAsync("/v2/reference/sample-regions"));

        Assert.Equal(["cn", "intl"], body.GetProperty("values").EnumerateArray().Select(v => v.GetString()!));
    }

    [Fact]
    public async Task An_unknown_enum_is_404_with_a_code() =>
        await ProblemAssert.IsProblem(await _host.Client.GetAsync("/v2/reference/unknown-things"), HttpStatusCode.NotFound, "CBC.0156");

    [Fact]
    public async Task The_error_catalogue_is_not_shadowed_by_the_enums() =>
        await ProblemAssert.IsSuccess(await _host.Client.GetAsync("/v2/reference/error-codes"));

    [Fact]
    public async Task A_name_registered_twice_fails_at_start() =>
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var host = await SampleHost.StartAsync(
                configure: builder => builder.Services.AddReferenceEnum<SampleStatus>("sample-statuses").AddReferenceEnum("sample-statuses", _ => ["x"]),
                map: app => app.MapReferenceEnums());
        });

    [Fact]
    public void Query_values_parse_in_snake_case_and_anything_else_names_the_field()
    {
        Assert.Equal(SampleStatus.OnHold, SnakeCaseEnum.ParseOptional<SampleStatus>("on_hold", "status"));
        Assert.Null(SnakeCaseEnum.ParseOptional<SampleStatus>(null, "status"));

        var refused = Assert.Throws<ApiException>(() => SnakeCaseEnum.ParseOptional<SampleStatus>("OnHold", "status"));
        Assert.Equal(ErrorCodes.InvalidParameter, refused.Error);
        Assert.Contains("status", refused.Errors!.Keys);
    }
}
