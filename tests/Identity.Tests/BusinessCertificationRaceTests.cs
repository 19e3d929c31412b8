using System.Net;
using Identity.Tests.Support;

namespace Identity.Tests;

/// <summary>
/// First writes on a partner's profile raced by identical requests sent at once (the reproduction
/// of 8 × POST /v2/partners/profile/business-certification that answered 7 × 500): one request
/// wins, the others get a coded 409, none answers 5xx, and none 412 since none sent If-Match.
/// Several partners per test, so both orders of the race happen: losers that read before the
/// winner committed (they collide on the insert or on the row's version) and losers that read
/// after it (they see the state the winner left).
/// </summary>
[Collection(SharedApi.Name)]
public sealed class BusinessCertificationRaceTests(SharedApi shared)
{
    private const int Racers = 8;
    private const int Rounds = 3;
    private const string Path = "/v2/partners/profile/business-certification";

    private Scenario Api => shared.Api;

    [Fact]
    public async Task Eight_first_certifications_at_once_certify_once_and_the_others_get_a_coded_conflict()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var partner = await Api.RegisterPartnerAsync();
            var body = Certification("TAX-" + Guid.NewGuid().ToString("N")[..10], "6222000011114444");

            var answers = await RaceAsync(() => Api.PostAsync(Path, body, partner.Token));

            var winner = await OneWinnerAsync(answers);
            Assert.Equal("certified", winner.GetProperty("status").GetString());
            var stored = await (await Api.GetAsync(Path, partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
            Assert.Equal("certified", stored.GetProperty("status").GetString());
            Assert.Equal(winner.GetProperty("certified_at").GetDateTimeOffset(), stored.GetProperty("certified_at").GetDateTimeOffset());
            Assert.Equal(1, await shared.CountOutboxAsync("PartnerBusinessInfoCertified", partner.PartnerId));
        }
    }

    [Fact]
    public async Task Eight_first_submissions_that_need_a_bank_letter_at_once_leave_one_certification_and_never_answer_500()
    {
        var vendor = await Api.LoginVendorAdminAsync();
        for (var round = 0; round < Rounds; round++)
        {
            var partner = await Api.RegisterPartnerAsync();
            var taxId = "TAX-" + Guid.NewGuid().ToString("N")[..10];
            await (await Api.PutAsync("/v2/vendor/partners/supplier-records", new { tax_id = taxId, bank_account_number = "1111222233334444" }, vendor))
                .ReadJsonAsync(HttpStatusCode.NoContent);
            var body = Certification(taxId, "9999888877775555");

            var answers = await RaceAsync(() => Api.PostAsync(Path, body, partner.Token));

            // A submission that needs a bank letter may be sent again: a loser that read after the
            // winner committed repeats it (200, same outcome); one that raced it gets a coded 409.
            Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
            foreach (var answer in answers)
            {
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    Assert.Equal("bank_letter_required", (await answer.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString());
                }
                else
                {
                    await answer.AssertErrorAsync("CBC.0150", HttpStatusCode.Conflict);
                }
            }

            var stored = await (await Api.GetAsync(Path, partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
            Assert.Equal("bank_letter_required", stored.GetProperty("status").GetString());
            Assert.Equal(0, await shared.CountOutboxAsync("PartnerBusinessInfoCertified", partner.PartnerId));
        }
    }

    [Fact]
    public async Task Eight_bank_letters_at_once_put_the_certification_under_review_once()
    {
        var vendor = await Api.LoginVendorAdminAsync();
        for (var round = 0; round < Rounds; round++)
        {
            var partner = await Api.RegisterPartnerAsync();
            var taxId = "TAX-" + Guid.NewGuid().ToString("N")[..10];
            await (await Api.PutAsync("/v2/vendor/partners/supplier-records", new { tax_id = taxId, bank_account_number = "1111222233334444" }, vendor))
                .ReadJsonAsync(HttpStatusCode.NoContent);
            await (await Api.PostAsync(Path, Certification(taxId, "9999888877775555"), partner.Token)).ReadJsonAsync(HttpStatusCode.OK);

            var answers = await RaceAsync(() => Api.PostAsync(Path + "/bank-letter", new { document_reference = "s3://letters/race.pdf" }, partner.Token));

            var winner = await OneWinnerAsync(answers);
            Assert.Equal("pending_review", winner.GetProperty("status").GetString());
            var stored = await (await Api.GetAsync(Path, partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
            Assert.Equal(winner.GetProperty("review_due_by").GetDateTimeOffset(), stored.GetProperty("review_due_by").GetDateTimeOffset());
        }
    }

    [Fact]
    public async Task Eight_joins_of_the_co_expansion_plan_at_once_join_once_and_never_answer_412_without_if_match()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var partner = await Api.RegisterPartnerAsync();

            var answers = await RaceAsync(() => Api.PostAsync("/v2/partners/profile/co-expansion-plan", new { accept_conditions = true }, partner.Token));

            var winner = await OneWinnerAsync(answers);
            var profile = await (await Api.GetAsync("/v2/partners/profile", partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
            Assert.Equal(winner.GetProperty("co_expansion_joined_at").GetDateTimeOffset(), profile.GetProperty("co_expansion_joined_at").GetDateTimeOffset());
            Assert.Equal(1, await shared.CountOutboxAsync("PartnerCoExpansionPlanJoined", partner.PartnerId));
        }
    }

    private static async Task<HttpResponseMessage[]> RaceAsync(Func<Task<HttpResponseMessage>> send)
    {
        using var start = new SemaphoreSlim(0, Racers);
        var racers = Enumerable.Range(0, Racers).Select(async _ =>
        {
            await start.WaitAsync();
            return await send();
        }).ToList();
        start.Release(Racers);
        return await Task.WhenAll(racers);
    }

    /// <summary>Exactly one 200; every other answer is 409 CBC.0150 (never a 5xx, never 412). Returns the winner's body.</summary>
    private static async Task<System.Text.Json.JsonElement> OneWinnerAsync(HttpResponseMessage[] answers)
    {
        var statuses = string.Join(", ", answers.Select(a => (int)a.StatusCode));
        Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.OK) == 1, "Expected one 200 among: " + statuses);
        foreach (var loser in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
        {
            await loser.AssertErrorAsync("CBC.0150", HttpStatusCode.Conflict);
        }

        return await answers.Single(a => a.StatusCode == HttpStatusCode.OK).ReadJsonAsync(HttpStatusCode.OK);
    }

    private static object Certification(string taxId, string account) =>
        new { bank_name = "ICBC", bank_account_name = "Example Co", bank_account_number = account, tax_id = taxId };
}
