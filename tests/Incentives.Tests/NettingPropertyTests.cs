using FsCheck;
using FsCheck.Fluent;
using Incentives.Api.Domain;

namespace Incentives.Tests;

/// <summary>Netting moves money between lines without creating or losing a cent.</summary>
public sealed class NettingPropertyTests
{
    private static readonly Gen<decimal> Cents = Gen.Choose(0, 100_000_000).Select(c => c / 100m);

    private static readonly Arbitrary<(decimal Positive, decimal[] Negatives)> Cases =
        (from positive in Cents
         from negatives in Gen.ArrayOf(Cents.Select(c => -c))
         select (positive, negatives)).ToArbitrary();

    [Fact]
    public void Netting_reconciles_to_the_cent()
    {
        var property = Prop.ForAll(Cases, input =>
        {
            var (positive, negatives) = input;
            var result = Netting.Apply(positive, negatives);
            var openBefore = negatives.Sum();
            var openAfter = result.NegativesAfter.Sum();

            return result.Netted + result.Remainder == positive
                && openAfter == openBefore + result.Netted
                && result.Netted == Math.Min(positive, -openBefore)
                && result.NegativesAfter.Zip(negatives).All(pair => pair.First >= pair.Second && pair.First <= 0)
                && result.NegativesAfter.All(a => decimal.Round(a, 2) == a);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), property);
    }

    [Fact]
    public void Two_hundred_lapsing_against_six_hundred_open_leaves_four_hundred()
    {
        var result = Netting.Apply(200m, [-600m]);
        Assert.Equal([-400m], result.NegativesAfter);
        Assert.Equal(200m, result.Netted);
        Assert.Equal(0m, result.Remainder);
    }
}
