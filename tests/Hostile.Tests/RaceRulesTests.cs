using System.Text.Json;
using Hostile.Tests.Support;

namespace Hostile.Tests;

/// <summary>The race rules refuse what they claim to refuse.</summary>
public sealed class RaceRulesTests
{
    private static readonly BodyOperation Create = new("POST", "/v2/things", JsonDocument.Parse("{}").RootElement, TakesIdempotencyKey: true);
    private static readonly BodyOperation Action = new("POST", "/v2/things/{id}/archive", JsonDocument.Parse("{}").RootElement);

    private static RaceAnswer Created(string id) => new(201, "/v2/things/" + id, id, null, "{}");

    private static RaceAnswer Problem(int status, string? code = "CBC.0150") => new(status, null, null, code, "{}");

    [Fact]
    public void One_creation_replayed_and_coded_conflicts_pass()
    {
        RaceAnswer[] answers = [Created("a"), Created("a"), Problem(409), Problem(409), Created("a"), Problem(409), Created("a"), Created("a")];

        Assert.Empty(RaceRules.Check(Create, sentIdempotencyKey: true, answers));
    }

    [Fact]
    public void Two_creations_from_one_idempotency_key_fail()
    {
        RaceAnswer[] answers = [Created("a"), Created("b"), Problem(409), Problem(409), Problem(409), Problem(409), Problem(409), Problem(409)];

        Assert.Contains(RaceRules.Check(Create, sentIdempotencyKey: true, answers), f => f.Contains("more than one winner", StringComparison.Ordinal));
    }

    [Fact]
    public void A_server_error_a_stray_412_an_uncoded_4xx_or_a_loser_that_is_not_a_conflict_fail()
    {
        Assert.NotEmpty(RaceRules.Check(Action, false, [Problem(500, "CBC.0999"), .. Enumerable.Repeat(Problem(409), 7)]));
        Assert.NotEmpty(RaceRules.Check(Action, false, [Problem(412, "CBC.0157"), .. Enumerable.Repeat(Problem(409), 7)]));
        Assert.NotEmpty(RaceRules.Check(Action, false, [Problem(400, null), .. Enumerable.Repeat(Problem(409), 7)]));
        Assert.NotEmpty(RaceRules.Check(Create, true, [Created("a"), Problem(400, "CBC.0100"), .. Enumerable.Repeat(Created("a"), 6)]));
    }

    [Fact]
    public void An_update_that_requires_if_match_may_refuse_all_eight_with_412()
    {
        var put = new BodyOperation("PUT", "/v2/things/{id}", JsonDocument.Parse("{}").RootElement);

        Assert.Empty(RaceRules.Check(put, false, [.. Enumerable.Repeat(Problem(412, "CBC.0157"), 8)]));
    }
}
