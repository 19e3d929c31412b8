using FsCheck;
using FsCheck.Fluent;
using Incentives.Api.Application;
using Incentives.Api.Domain;
using Incentives.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incentives.Tests;

/// <summary>
/// Through the service and its database (numeric(18,2) columns): a partner's statement reconciles to the cent
/// after a positive line lapses against open negative lines of any amounts. Lines of other currencies and
/// settled lines are untouched.
/// </summary>
[Collection(IncentivesCollection.Name)]
public sealed class StatementReconciliationPropertyTests(IncentivesApiFactory api)
{
    private static readonly Gen<decimal> Cents = Gen.Choose(1, 50_000_000).Select(c => c / 100m);

    private static readonly Arbitrary<(decimal Positive, decimal[] Negatives, decimal OtherCurrency)> Statements =
        (from positive in Cents
         from count in Gen.Choose(0, 6)
         from negatives in Gen.ArrayOf(Cents.Select(c => -c), count)
         from other in Cents
         select (positive, negatives, -other)).ToArbitrary();

    [Fact]
    public void A_lapse_through_the_service_reconciles_the_partners_statement_to_the_cent()
    {
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));
        var property = Prop.ForAll(Statements, input => LapseReconcilesAsync(input.Positive, input.Negatives, input.OtherCurrency).GetAwaiter().GetResult());
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), property);
    }

    private async Task<bool> LapseReconcilesAsync(decimal positive, decimal[] negatives, decimal otherCurrency)
    {
        var partnerId = Guid.NewGuid();
        await using var scope = api.Services.CreateAsyncScope();
        var statements = scope.ServiceProvider.GetRequiredService<Statements>();
        var period = new DateOnly(2026, 10, 1);
        Statements.NewLine Line(decimal amount, string currency) => new(partnerId, period, "cloud_consumption", amount, currency, "consumption", amount * 20, "consumption × 5%", []);

        var negativeIds = new List<Guid>();
        foreach (var negative in negatives)
        {
            negativeIds.Add((await statements.EstimateAsync(Line(negative, "CNY"), CancellationToken.None)).Id);
        }

        var foreign = (await statements.EstimateAsync(Line(otherCurrency, "USD"), CancellationToken.None)).Id;
        var lapsing = (await statements.EstimateAsync(Line(positive, "CNY"), CancellationToken.None)).Id;
        await statements.LapseAsync(lapsing, CancellationToken.None);

        await using var db = api.Db();
        var stored = await db.StatementLines.Where(l => l.PartnerId == partnerId).ToDictionaryAsync(l => l.Id);
        var after = negativeIds.Select(id => stored[id].Amount).ToList();
        var netted = after.Sum() - negatives.Sum();
        var expectedNetted = Math.Min(positive, -negatives.Sum());
        var lapsed = stored[lapsing];
        var forfeited = positive - netted;

        return netted == expectedNetted
            && after.Zip(negatives).All(pair => pair.First >= pair.Second && pair.First <= 0 && decimal.Round(pair.First, 2) == pair.First)
            && lapsed.Status == StatementLineStatus.Lapsed && lapsed.Amount == 0 && lapsed.OriginalAmount == positive
            && lapsed.NettingTrail[^1].Contains($"{Netting.Money(netted, "CNY")} netted, {Netting.Money(forfeited, "CNY")} forfeited", StringComparison.Ordinal)
            && stored[foreign].Amount == otherCurrency
            && stored.Values.Where(l => l.Currency == "CNY").Sum(l => l.Amount) + forfeited == negatives.Sum() + positive;
    }
}
