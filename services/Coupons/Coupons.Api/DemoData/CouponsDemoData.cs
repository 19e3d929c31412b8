using System.Text.Json;
using Coupons.Api.Application;
using Coupons.Api.Data;
using Coupons.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.DemoData;

/// <summary>
/// Grants the demo solution provider and the demo distributor a voucher quota the way vendor staff
/// do it (<see cref="QuotaService.GrantAsync"/>: programme checked, ledger, operation log,
/// <c>CouponQuotaGranted</c>). It first waits until identity-api's events have told this service
/// about both programmes and at least one <c>reseller</c> customer of the solution provider, so
/// coupons can be issued as soon as seeding is done. A partner holding a vendor quota gets none.
/// </summary>
public sealed class CouponsDemoData(CouponsDbContext db, QuotaService quotas, TimeProvider timeProvider)
{
    public const decimal QuotaAmount = 50_000m;
    public const string Currency = "CNY";
    public const string Remark = "【演示】demo quota";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Vendor staff as the demo data acts: recorded as operator <c>demo-data</c>.</summary>
    private static readonly CurrentCaller Vendor = new() { IsAuthenticated = true, UserId = "demo-data", VendorRole = "admin" };

    public async Task<IReadOnlyList<string>> SeedAsync(TimeSpan waitTimeout, CancellationToken cancellationToken)
    {
        await WaitForEventsAsync(waitTimeout, cancellationToken);
        var report = new List<string>();
        foreach (var (partner, role) in new[] { (DemoPartners.SolutionProvider, "solution provider"), (DemoPartners.Distributor, "distributor") })
        {
            var quota = await db.Quotas.AsNoTracking()
                .Where(q => q.PartnerId == partner && q.DistributorPartnerId == null)
                .OrderBy(q => q.CreatedAt).ThenBy(q => q.Id)
                .FirstOrDefaultAsync(cancellationToken)
                ?? await quotas.GrantAsync(
                    Vendor,
                    new GrantQuotaRequest
                    {
                        PartnerId = partner,
                        QuotaType = QuotaType.Voucher,
                        Amount = QuotaAmount,
                        Currency = Currency,
                        ExpireTime = timeProvider.GetUtcNow().AddYears(1),
                        Remark = Remark,
                    },
                    cancellationToken);
            report.Add($"demo data: {role} {partner}: {JsonNamingPolicy.SnakeCaseLower.ConvertName(quota.QuotaType.ToString())} quota {quota.Id}, {quota.TotalAmount:0.00} {quota.Currency} until {quota.ExpiresAt:yyyy-MM-dd}");
        }

        return report;
    }

    private async Task WaitForEventsAsync(TimeSpan waitTimeout, CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetUtcNow() + waitTimeout;
        while (true)
        {
            var now = timeProvider.GetUtcNow();
            var provider = await db.MayReceiveVendorQuotaAsync(DemoPartners.SolutionProvider, now, cancellationToken);
            var distributor = await db.MayReceiveVendorQuotaAsync(DemoPartners.Distributor, now, cancellationToken);
            var customers = await db.CustomerAssociations.CountAsync(
                a => a.OwnerPartnerId == DemoPartners.SolutionProvider && a.Active && a.AssociationType == CustomerAssociation.Reseller, cancellationToken);
            if (provider && distributor && customers > 0)
            {
                return;
            }

            if (now >= deadline)
            {
                throw new DemoDataException(
                    $"identity-api's events about the demo partners did not arrive within {waitTimeout.TotalSeconds:0} s (solution provider programme "
                    + $"{(provider ? "known" : "not known")}, distributor programme {(distributor ? "known" : "not known")}, {customers} reseller customers "
                    + "of the solution provider): seed identity-api first (--seed-demo-data) and keep coupons-api running, it reads them from its queues.");
            }

            await Task.Delay(PollInterval, timeProvider, cancellationToken);
        }
    }
}
