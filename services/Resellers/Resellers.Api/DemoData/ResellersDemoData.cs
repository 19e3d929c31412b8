using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;
using Resellers.Api.Application;
using Resellers.Api.Data;
using Resellers.Api.Domain;

namespace Resellers.Api.DemoData;

/// <summary>
/// Links the demo distributor with its two demo resellers the way a distributor does it: it invites
/// each one (<see cref="LinkService.InviteAsync(Guid, Guid, Guid, CancellationToken)"/>, join blockers checked), and the reseller accepts,
/// which publishes <c>ResellerLinked</c>. It first waits until identity-api's events have told this
/// service about the partners and the distributor programme. A link that exists is left as it is.
/// </summary>
public sealed class ResellersDemoData(ResellersDbContext db, LinkService links, JoinEligibility eligibility, TimeProvider timeProvider)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public async Task<IReadOnlyList<string>> SeedAsync(TimeSpan waitTimeout, CancellationToken cancellationToken)
    {
        await WaitForPartnersAsync(waitTimeout, cancellationToken);
        var report = new List<string>();
        foreach (var (reseller, account) in DemoPartners.Resellers)
        {
            var link = await db.Links.AsNoTracking()
                .SingleOrDefaultAsync(l => l.ResellerPartnerId == reseller && LinkTransitions.Holding.Contains(l.State), cancellationToken);
            if (link is not null && link.DistributorPartnerId != DemoPartners.Distributor)
            {
                throw new DemoDataException(
                    $"The demo reseller {reseller} is held by distributor {link.DistributorPartnerId} (link {link.Id}, {link.State}): revoke that link or drop resellersdb.");
            }

            link ??= await links.InviteAsync(DemoPartners.Distributor, reseller, DemoPartners.DistributorAccount, cancellationToken);
            if (link.State == LinkState.Invited)
            {
                var caller = new CurrentCaller { IsAuthenticated = true, UserId = account.ToString(), PartnerId = reseller.ToString() };
                link = await links.PerformAsync(link.Id, LinkAction.Accept, caller, reason: null, ifMatch: null, cancellationToken);
            }

            report.Add($"demo data: distributor {DemoPartners.Distributor} → reseller {reseller}: link {link.Id} {Names.Snake(link.State)}");
        }

        return report;
    }

    private async Task WaitForPartnersAsync(TimeSpan waitTimeout, CancellationToken cancellationToken)
    {
        var partners = DemoPartners.Resellers.Select(r => r.Partner).Append(DemoPartners.Distributor).ToArray();
        var deadline = timeProvider.Now() + waitTimeout;
        while (true)
        {
            var known = await db.KnownPartners.CountAsync(p => partners.Contains(p.Id), cancellationToken);
            if (known == partners.Length && await eligibility.IsDistributorAsync(DemoPartners.Distributor, cancellationToken))
            {
                return;
            }

            if (timeProvider.Now() >= deadline)
            {
                throw new DemoDataException(
                    $"identity-api's events about the demo partners did not arrive within {waitTimeout.TotalSeconds:0} s ({known} of {partners.Length} partners known, "
                    + "distributor programme " + (await eligibility.IsDistributorAsync(DemoPartners.Distributor, cancellationToken) ? "known" : "not known")
                    + "): seed identity-api first (--seed-demo-data) and keep resellers-api running, it reads them from its queues.");
            }

            await Task.Delay(PollInterval, timeProvider, cancellationToken);
        }
    }
}
