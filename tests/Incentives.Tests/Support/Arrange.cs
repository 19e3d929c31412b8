using Incentives.Api.Domain;

namespace Incentives.Tests.Support;

/// <summary>States arranged straight in the database, for rules that only read them.</summary>
public static class Arrange
{
    /// <summary>Monthly lists of a quarter with the given statuses (one per month, 1000.00 CNY each).</summary>
    public static async Task<List<Guid>> QuarterAsync(IncentivesApiFactory api, Guid partnerId, DateOnly quarter, params MonthlyListStatus[] statuses)
    {
        await using var db = api.Db();
        var ids = new List<Guid>();
        for (var i = 0; i < statuses.Length; i++)
        {
            var id = Guid.NewGuid();
            ids.Add(id);
            db.FhMonthlyLists.Add(new FhMonthlyList
            {
                Id = id,
                PartnerId = partnerId,
                Track = FhTrack.Standard,
                Month = quarter.AddMonths(i),
                Status = statuses[i],
                StaffCount = 1,
                TotalAmount = 1000m,
                Currency = "CNY",
                GeneratedAt = api.Clock.GetUtcNow(),
                VerifyBy = api.Clock.GetUtcNow().AddDays(20),
            });
        }

        await db.SaveChangesAsync();
        return ids;
    }

    public static async Task<Guid> PassedQuarterAsync(IncentivesApiFactory api, Guid partnerId, DateOnly quarter) =>
        (await QuarterAsync(api, partnerId, quarter, MonthlyListStatus.Passed, MonthlyListStatus.Passed, MonthlyListStatus.Passed))[0];
}
