using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using PartnerPlatform.ServiceDefaults;
using SubscriptionFiles.Api.Data;
using SubscriptionFiles.Api.Domain;
using SubscriptionFiles.Api.Infrastructure;

namespace SubscriptionFiles.Api.Application;

public sealed record SubscribeCommand(IReadOnlyList<Content> Contents, BucketKind BucketKind, string BucketName, string? BucketPrefix);

/// <summary>
/// Subscribing: the bucket is proven writable by a probe object, claimed for the partner for good
/// (a bucket is never shared), and each content gets its first delivery scheduled.
/// </summary>
public sealed partial class Subscribing(
    SubscriptionFilesDbContext db, BucketStorage storage, IOptions<SubscriptionFilesOptions> options, TimeProvider time, ILogger<Subscribing> logger)
{
    public async Task<Subscription> SubscribeAsync(Guid partnerId, string? userId, SubscribeCommand command, CancellationToken cancellationToken)
    {
        var prefix = NormalisePrefix(command.BucketPrefix);
        if (!BucketNamePattern().IsMatch(command.BucketName))
        {
            throw ApiException.InvalidField("bucket.name", "A bucket name has 3 to 63 lower-case letters, digits, dots and hyphens.");
        }

        if (command.BucketKind == BucketKind.S3 && !storage.SupportsS3)
        {
            throw new ApiException(SubscriptionFilesErrors.S3StorageNotConfigured);
        }

        var bucketKey = BucketClaim.KeyOf(command.BucketKind, command.BucketName);
        await EnsureNotAnotherPartnersAsync(bucketKey, partnerId, cancellationToken);
        await ProbeAsync(command.BucketKind, command.BucketName, prefix, cancellationToken);

        var now = time.GetUtcNow();
        var subscription = new Subscription
        {
            Id = Guid.CreateVersion7(now),
            PartnerId = partnerId,
            BucketKind = command.BucketKind,
            BucketName = command.BucketName,
            BucketPrefix = prefix,
            CreatedAt = now,
            CreatedBy = userId,
        };
        var firstPeriod = DeliverySchedule.FirstPeriod(now);
        var contents = command.Contents.ToList();
        var earlier = await db.Deliveries
            .Where(d => d.PartnerId == partnerId && contents.Contains(d.Content) && d.PeriodStart == firstPeriod.Start)
            .ToListAsync(cancellationToken);
        foreach (var content in command.Contents)
        {
            var cadence = options.Value.CadenceOf(content);
            subscription.Contents.Add(new SubscriptionContent { PartnerId = partnerId, Content = content, SubscriptionId = subscription.Id, Cadence = cadence });
            switch (earlier.SingleOrDefault(d => d.Content == content))
            {
                case null:
                    db.Deliveries.Add(Delivery.Schedule(subscription, content, firstPeriod, now));
                    break;
                case { Status: DeliveryStatus.Cancelled } cancelled:
                    // Unsubscribed and subscribed again within one period: the same row, scheduled again.
                    cancelled.Reschedule(subscription);
                    break;
                default:
                    // Still subscribed: the primary key of subscription_contents refuses the content below.
                    break;
            }
        }

        db.Subscriptions.Add(subscription);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO bucket_claims (bucket_key, partner_id, claimed_at) VALUES ({bucketKey}, {partnerId}, {now}) ON CONFLICT (bucket_key) DO NOTHING",
            cancellationToken);
        await EnsureNotAnotherPartnersAsync(bucketKey, partnerId, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ApiException(SubscriptionFilesErrors.ContentAlreadySubscribed);
        }

        await transaction.CommitAsync(cancellationToken);
        return subscription;
    }

    public static string NormalisePrefix(string? prefix)
    {
        var trimmed = (prefix ?? "").Trim('/');
        if (trimmed.Length == 0)
        {
            return "";
        }

        if (trimmed.Length > 200 || !PrefixPattern().IsMatch(trimmed) || trimmed.Split('/').Any(segment => segment is "." or ".."))
        {
            throw ApiException.InvalidField("bucket.prefix", "A prefix is folder names of letters, digits, '.', '_' and '-', separated by '/'.");
        }

        return trimmed + "/";
    }

    private async Task EnsureNotAnotherPartnersAsync(string bucketKey, Guid partnerId, CancellationToken cancellationToken)
    {
        var owner = await db.BucketClaims.Where(c => c.BucketKey == bucketKey).Select(c => (Guid?)c.PartnerId).SingleOrDefaultAsync(cancellationToken);
        if (owner is { } ownerId && ownerId != partnerId)
        {
            throw new ApiException(SubscriptionFilesErrors.BucketOfAnotherPartner);
        }
    }

    private async Task ProbeAsync(BucketKind kind, string name, string prefix, CancellationToken cancellationToken)
    {
        var bucket = storage.Open(kind, name);
        var key = $"{prefix}.write-probe/{Guid.NewGuid():N}.txt";
        try
        {
            await bucket.WriteTextAsync(key, "subscription-files write probe", cancellationToken);
            await bucket.DeleteAsync(key, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogInformation(e, "The write probe into {BucketKind} bucket {Bucket} failed", kind, name);
            throw new ApiException(SubscriptionFilesErrors.BucketNotWritable);
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketNamePattern();

    [GeneratedRegex("^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$")]
    private static partial Regex PrefixPattern();
}
