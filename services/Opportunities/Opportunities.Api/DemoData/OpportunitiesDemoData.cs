using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Opportunities.Api.Application;
using Opportunities.Api.Data;
using Opportunities.Api.Domain;
using PartnerPlatform.Contracts.Opportunities;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Opportunities.Api.DemoData;

/// <summary>
/// Seeds, for identity-api's demo solution provider once its PCE membership has arrived: a solution,
/// a PO in each state (through the same services the API uses; the expired one as the sweeper
/// would leave it), an HO awaiting its answer and a deal. Runs once: a provider that already has
/// the demo solution gets nothing new.
/// </summary>
public sealed class OpportunitiesDemoData(
    OpportunitiesDbContext db,
    PartnerOpportunities pos,
    OpportunityReview review,
    Handovers handovers,
    Solutions solutions,
    Deals deals,
    IOutbox outbox,
    Deadlines deadlines,
    IOptions<OpportunitiesOptions> options,
    TimeProvider timeProvider)
{
    public const string SolutionName = "【演示】智汇云数据湖迁移方案";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private static readonly CurrentCaller Partner = new()
    {
        IsAuthenticated = true, UserId = DemoPartners.SolutionProviderAccount.ToString(), PartnerId = DemoPartners.SolutionProvider.ToString(), Programmes = new HashSet<string> { "solution_provider" },
    };

    private static readonly CurrentCaller Vendor = new() { IsAuthenticated = true, UserId = DemoPartners.VendorReviewer.ToString(), VendorRole = "admin", Region = "south" };

    public async Task<IReadOnlyList<string>> SeedAsync(TimeSpan waitTimeout, CancellationToken cancellationToken)
    {
        await WaitForCoExpansionPlanAsync(waitTimeout, cancellationToken);
        if (await db.Solutions.AnyAsync(s => s.PartnerId == DemoPartners.SolutionProvider && s.Name == SolutionName, cancellationToken))
        {
            return ["demo data: opportunities of the demo solution provider already seeded"];
        }

        var solution = await solutions.CreateAsync(
            Partner, new SolutionInput(SolutionName, "把本地数据仓库迁移到云上数据湖，含迁移评估、实施与运维。", ["data_lake", "database_migration"]), cancellationToken);

        var draft = await pos.CreateAsync(Partner, Draft(solution.Id, "【演示】深圳海岸物流有限公司", 300_000m), cancellationToken);
        var submitted = await SubmittedAsync(Draft(solution.Id, "【演示】广州明川制造有限公司", 500_000m), cancellationToken);
        var changes = await SubmittedAsync(Draft(solution.Id, "【演示】东莞汇达电子有限公司", 200_000m), cancellationToken);
        await review.RequestChangesAsync(Vendor, changes.Id, new RequestChangesInput([OpportunityPart.Budget, OpportunityPart.PurchasePlan], "请补充明确的预算和下单时间。"), cancellationToken);
        var rejected = await SubmittedAsync(Draft(solution.Id, "【演示】佛山恒信陶瓷有限公司", 150_000m), cancellationToken);
        await review.RejectAsync(Vendor, rejected.Id, new RejectInput("no_clear_budget_or_timeline", "客户暂无预算。"), cancellationToken);
        var approved = await ApprovedAsync(Draft(solution.Id, "【演示】珠海星海旅游有限公司", 800_000m), [Stage.Qualified, Stage.BusinessNegotiation], cancellationToken);
        await review.AddUpdateAsync(Vendor, approved.Id, new ProgressInput(null, "华为云客户经理已拜访客户，确认需求。"), cancellationToken);
        var delivered = await ApprovedAsync(Draft(solution.Id, "【演示】深圳前海金融科技有限公司", 1_200_000m), [Stage.Qualified, Stage.Won, Stage.Delivered], cancellationToken);
        var lost = await ApprovedAsync(Draft(solution.Id, "【演示】惠州新能源有限公司", 400_000m), [Stage.Qualified], cancellationToken);
        await pos.AddProgressAsync(Partner, lost.Id, new ProgressInput(Stage.Lost, "客户选择了自建方案。"), cancellationToken);
        var expired = await SubmittedAsync(Draft(solution.Id, "【演示】汕头潮味食品有限公司", 100_000m), cancellationToken);
        await ExpireAsync(expired.Id, cancellationToken);

        var ho = await handovers.CreateAsync(
            Vendor,
            new HandoverInput(
                "【演示】中山智造工厂上云", "工厂MES系统上云并建设数据湖，需要伙伴实施。", "data_analytics", OfferingRuleSet.VendorLedBaseline, "data_lake", null,
                new CustomerInput(null, "【演示】中山智造有限公司", "manufacturing", "guangdong", "中山"), new ContactInput("陈明", "13800138000", "chen.ming@example.com"),
                new MoneyInput(600_000m, "CNY")),
            cancellationToken);
        await AssignDemoHandoverAsync(ho.Id, cancellationToken);

        var deal = await deals.RegisterAsync(
            Partner,
            new DealInput("【演示】前海金融数据湖二期", null, "【演示】深圳前海金融科技有限公司", "qianhai-fintech", "李华", "data_lake", new MoneyInput(900_000m, "CNY")),
            cancellationToken);

        return
        [
            $"demo data: solution provider {DemoPartners.SolutionProvider}: solution {solution.Id}",
            $"demo data: POs draft {draft.Id}, submitted {submitted.Id}, changes_requested {changes.Id}, rejected {rejected.Id}, approved {approved.Id}, delivered {delivered.Id}, lost {lost.Id}, validation_expired {expired.Id}",
            $"demo data: HO awaiting acceptance {ho.Id}; deal {deal.Id} protected until {deal.ProtectedUntil:yyyy-MM-dd}",
        ];
    }

    private OpportunityDraft Draft(Guid solutionId, string customer, decimal revenue) => new(
        new MoneyInput(revenue * 2, "CNY"),
        new DecisionMakerInput("王强", "CIO"),
        new NeedInput(["data_lake", "database_migration"], "客户计划把本地数据仓库迁移上云，并建设统一数据湖。"),
        new PurchasePlanInput(DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime.Date.AddMonths(3)), "三个月内完成评估，六个月内上线。"),
        new CustomerInput(null, customer, "manufacturing", "guangdong", "深圳"),
        new ContactInput("张伟", "13912345678", "zhang.wei@example.com"),
        new MoneyInput(revenue, "CNY"),
        true,
        solutionId,
        new ConsentInput("张伟", timeProvider.Now().AddDays(-1), "signed consent form"));

    private async Task<Opportunity> SubmittedAsync(OpportunityDraft draft, CancellationToken cancellationToken)
    {
        var po = await pos.CreateAsync(Partner, draft, cancellationToken);
        return await pos.SubmitAsync(Partner, po.Id, cancellationToken);
    }

    private async Task<Opportunity> ApprovedAsync(OpportunityDraft draft, Stage[] stages, CancellationToken cancellationToken)
    {
        var po = await SubmittedAsync(draft, cancellationToken);
        po = await review.ApproveAsync(Vendor, po.Id, cancellationToken);
        foreach (var stage in stages)
        {
            po = await pos.AddProgressAsync(Partner, po.Id, new ProgressInput(stage, $"进展：{stage}"), cancellationToken);
        }

        return po;
    }

    /// <summary>As the deadline sweeper leaves a PO whose validation SLA passed.</summary>
    private async Task ExpireAsync(Guid id, CancellationToken cancellationToken)
    {
        var po = await db.Opportunities.AsTracking().FirstAsync(o => o.Id == id, cancellationToken);
        var now = timeProvider.Now();
        po.Status = OpportunityStatus.ValidationExpired;
        po.ValidateBy = now.AddDays(-1);
        po.UpdatedAt = now;
        db.History.Add(new HistoryEntry { SubjectId = po.Id, Kind = HistoryKind.ValidationExpired, ByVendor = true, OccurredAt = now });
        outbox.Add(new OpportunityValidationExpired(po.Id, po.PartnerId, po.RoutedTo!, po.ValidateBy.Value, now));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// identity-api's demo solution provider is in PCE but on no capability path stage, so the
    /// assignment gate would refuse it: the demo HO is assigned as <see cref="Handovers.AssignAsync"/>
    /// records it (deadline, history, event) without that gate.
    /// </summary>
    private async Task AssignDemoHandoverAsync(Guid id, CancellationToken cancellationToken)
    {
        var ho = await db.Handovers.AsTracking().FirstAsync(h => h.Id == id, cancellationToken);
        var now = timeProvider.Now();
        ho.Status = HandoverStatus.Assigned;
        ho.PartnerId = DemoPartners.SolutionProvider;
        ho.AssignedAt = now;
        ho.RespondBy = deadlines.RespondBy(now, options.Value.PsmRegionOf(ho.CustomerProvince));
        ho.UpdatedAt = now;
        db.History.Add(new HistoryEntry { SubjectId = ho.Id, Kind = HistoryKind.Assigned, ByVendor = true, AuthorId = Vendor.UserId, OccurredAt = now });
        outbox.Add(new HandoverOpportunityAssigned(ho.Id, DemoPartners.SolutionProvider, "vendor_led_baseline", ho.Offering!, ho.RespondBy.Value, now));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task WaitForCoExpansionPlanAsync(TimeSpan waitTimeout, CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetUtcNow() + waitTimeout;
        while (!await db.Partners.AnyAsync(p => p.PartnerId == DemoPartners.SolutionProvider && p.CoExpansionJoinedAt != null, cancellationToken))
        {
            if (timeProvider.GetUtcNow() >= deadline)
            {
                throw new DemoDataException(
                    $"identity-api's PartnerCoExpansionPlanJoined for the demo solution provider did not arrive within {waitTimeout.TotalSeconds:0} s: "
                    + "seed identity-api first (--seed-demo-data) and keep opportunities-api running, it reads the event from its queue.");
            }

            await Task.Delay(PollInterval, timeProvider, cancellationToken);
        }
    }
}
