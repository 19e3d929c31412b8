using Incentives.Api.Data;
using Incentives.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.Contracts.Incentives;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.WorkingDays;

namespace Incentives.Api.Application;

/// <summary>
/// Incentive statements: vendor staff estimate lines and publish a partner's period; the partner confirms or
/// raises feedback per line (feedback pauses auto-confirmation); confirmed lines are issued. A lapsing
/// positive line is netted against the partner's open negative lines. Every change locks the line rows it
/// touches, so a partner's feedback and the auto-confirm sweeper never both apply to one line.
/// </summary>
public sealed class Statements(
    IncentivesDbContext db, IOutbox outbox, TimeProvider time, IWorkingDayCalendar calendar, IOptions<IncentivesOptions> options)
{
    public sealed record NewLine(
        Guid PartnerId, DateOnly Period, string IncentiveKind, decimal Amount, string Currency, string Metric, decimal MetricValue, string Formula, IReadOnlyList<string> Sources);

    /// <summary>An estimated line; publishes <see cref="IncentiveEstimated"/> and <see cref="IncentiveMetricsPublished"/>.</summary>
    public async Task<StatementLine> EstimateAsync(NewLine request, CancellationToken cancellationToken)
    {
        Money.RequireCents(request.Amount, "amount");
        var now = time.Now();
        var line = new StatementLine
        {
            Id = Guid.CreateVersion7(now),
            PartnerId = request.PartnerId,
            Period = request.Period,
            IncentiveKind = request.IncentiveKind,
            Amount = request.Amount,
            OriginalAmount = request.Amount,
            Currency = request.Currency,
            Status = StatementLineStatus.Estimated,
            Metric = request.Metric,
            MetricValue = request.MetricValue,
            Formula = request.Formula,
            Sources = [.. request.Sources],
            CreatedAt = now,
        };
        db.StatementLines.Add(line);
        var period = Periods.MonthText(line.Period);
        outbox.Add(new IncentiveEstimated(line.Id, line.PartnerId, period, line.IncentiveKind, line.Amount, line.Currency, now));
        outbox.Add(new IncentiveMetricsPublished(line.Id, line.PartnerId, period, line.IncentiveKind, line.Metric, line.MetricValue, line.Formula, now));
        await db.SaveChangesAsync(cancellationToken);
        return line;
    }

    /// <summary>Publishes the partner's estimated lines of a period for confirmation, with the confirmation deadline.</summary>
    public async Task<List<StatementLine>> PublishAsync(Guid partnerId, DateOnly period, CancellationToken cancellationToken)
    {
        var now = time.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var lines = await db.StatementLines.FromSql(
            $"SELECT * FROM statement_lines WHERE partner_id = {partnerId} AND period = {period} AND status = 'estimated' ORDER BY id FOR UPDATE")
            .AsTracking().ToListAsync(cancellationToken);
        if (lines.Count == 0)
        {
            throw new ApiException(IncentivesErrors.NothingToPublish);
        }

        var confirmBy = calendar.AddWorkingDays(now, options.Value.StatementConfirmationWorkingDays);
        foreach (var line in lines)
        {
            line.Status = StatementLineStatus.PendingConfirmation;
            line.ConfirmBy = confirmBy;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return lines;
    }

    public async Task<StatementLine> ConfirmAsync(Guid partnerId, Guid lineId, CancellationToken cancellationToken)
    {
        var now = time.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var line = await LockAsync(partnerId, lineId, cancellationToken);
        RequirePendingConfirmation(line);
        Confirm(line, automatically: false, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return line;
    }

    /// <summary>Feedback on a line awaiting confirmation: auto-confirmation of that line pauses until the vendor resolves it.</summary>
    public async Task<StatementLine> GiveFeedbackAsync(Guid partnerId, Guid lineId, string feedback, CancellationToken cancellationToken)
    {
        var now = time.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var line = await LockAsync(partnerId, lineId, cancellationToken);
        RequirePendingConfirmation(line);
        line.Feedback = feedback;
        line.FeedbackAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return line;
    }

    /// <summary>Vendor staff answer the feedback, optionally correcting the amount; the line awaits confirmation again with a new deadline.</summary>
    public async Task<StatementLine> ResolveFeedbackAsync(Guid lineId, decimal? correctedAmount, string resolvedBy, CancellationToken cancellationToken)
    {
        var now = time.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var line = await LockAsync(null, lineId, cancellationToken);
        if (line.Status != StatementLineStatus.PendingConfirmation || line.FeedbackAt is null)
        {
            throw new ApiException(IncentivesErrors.NoFeedbackToResolve);
        }

        if (correctedAmount is { } amount && amount != line.Amount)
        {
            Money.RequireCents(amount, "corrected_amount");
            line.NettingTrail.Add($"{now:yyyy-MM-dd}: corrected by {resolvedBy} after feedback: {Netting.Money(line.Amount, line.Currency)} → {Netting.Money(amount, line.Currency)}");
            line.Amount = amount;
        }

        line.FeedbackAt = null;
        line.ConfirmBy = calendar.AddWorkingDays(now, options.Value.StatementConfirmationWorkingDays);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return line;
    }

    public async Task<StatementLine> IssueAsync(Guid lineId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var line = await LockAsync(null, lineId, cancellationToken);
        if (line.Status != StatementLineStatus.Issuing)
        {
            throw new ApiException(IncentivesErrors.LineNotIssuing);
        }

        line.Status = StatementLineStatus.Issued;
        line.IssuedAt = time.Now();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return line;
    }

    /// <summary>
    /// A positive line lapses: its amount is netted against the partner's open negative lines of the same
    /// currency, oldest period first (+200 against −600 → −400); both sides record the netting in their trail.
    /// </summary>
    public async Task<StatementLine> LapseAsync(Guid lineId, CancellationToken cancellationToken)
    {
        var now = time.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var line = await LockAsync(null, lineId, cancellationToken);
        if (line.Amount <= 0 || line.Status is not (StatementLineStatus.Estimated or StatementLineStatus.PendingConfirmation))
        {
            throw new ApiException(IncentivesErrors.LineNotLapsable);
        }

        var negatives = await db.StatementLines.FromSql(
            $"""
            SELECT * FROM statement_lines
            WHERE partner_id = {line.PartnerId} AND currency = {line.Currency} AND amount < 0
              AND status IN ('estimated', 'pending_confirmation')
            ORDER BY period, id
            FOR UPDATE
            """).AsTracking().ToListAsync(cancellationToken);
        var result = Netting.Apply(line.Amount, [.. negatives.Select(n => n.Amount)]);
        for (var i = 0; i < negatives.Count; i++)
        {
            var negative = negatives[i];
            var taken = result.NegativesAfter[i] - negative.Amount;
            if (taken == 0)
            {
                continue;
            }

            negative.NettingTrail.Add(
                $"{now:yyyy-MM-dd}: {Netting.Money(taken, line.Currency)} from lapsed line {line.Id}: {Netting.Money(negative.Amount, line.Currency)} → {Netting.Money(result.NegativesAfter[i], line.Currency)}");
            line.NettingTrail.Add($"{now:yyyy-MM-dd}: {Netting.Money(taken, line.Currency)} netted against line {negative.Id}");
            negative.Amount = result.NegativesAfter[i];
        }

        line.NettingTrail.Add($"{now:yyyy-MM-dd}: lapsed; {Netting.Money(result.Netted, line.Currency)} netted, {Netting.Money(result.Remainder, line.Currency)} forfeited");
        line.Status = StatementLineStatus.Lapsed;
        line.Amount = 0;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return line;
    }

    public async Task<StatementLine> GetAsync(Guid? partnerId, Guid lineId, CancellationToken cancellationToken) =>
        await db.StatementLines.SingleOrDefaultAsync(l => l.Id == lineId && (partnerId == null || l.PartnerId == partnerId), cancellationToken)
        ?? throw ApiException.NotFound();

    public async Task<(int Total, List<StatementLine> Items)> ListAsync(Guid? partnerId, DateOnly? period, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.StatementLines.Where(l => (partnerId == null || l.PartnerId == partnerId) && (period == null || l.Period == period));
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(l => l.Period).ThenBy(l => l.Id).Page(page).ToListAsync(cancellationToken);
        return (total, items);
    }

    internal void Confirm(StatementLine line, bool automatically, DateTimeOffset now)
    {
        line.Status = StatementLineStatus.Issuing;
        line.ConfirmedAt = now;
        line.ConfirmedAutomatically = automatically;
        outbox.Add(new StatementConfirmed(line.Id, line.PartnerId, Periods.MonthText(line.Period), line.Amount, line.Currency, automatically, now));
    }

    private static void RequirePendingConfirmation(StatementLine line)
    {
        if (line.Status != StatementLineStatus.PendingConfirmation)
        {
            throw new ApiException(IncentivesErrors.LineNotPendingConfirmation);
        }
    }

    private async Task<StatementLine> LockAsync(Guid? partnerId, Guid lineId, CancellationToken cancellationToken) =>
        await db.StatementLines.FromSql($"SELECT * FROM statement_lines WHERE id = {lineId} FOR UPDATE").AsTracking()
            .SingleOrDefaultAsync(l => partnerId == null || l.PartnerId == partnerId, cancellationToken)
        ?? throw ApiException.NotFound();
}
