using System.Diagnostics;
using System.Security.Cryptography;
using Identity.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Identity.Api.Infrastructure.Tokens;

/// <summary>
/// identity-api's signing keys, kept in its own database and read into memory for
/// <see cref="TokenOptions.SigningKeyCacheDuration"/>. The schedule (<see cref="EnsureScheduleAsync"/>,
/// run by <c>SigningKeyRotationJob</c>): there is always a key that signs now, the next one is
/// created and published <see cref="TokenOptions.SigningKeyPublishedAhead"/> before the current one
/// retires, and a retired key is deleted once <see cref="TokenOptions.RetiredKeyPublishedFor"/> has
/// passed. Every instance may run it: a transaction-scoped advisory lock serialises them.
/// </summary>
public sealed class SigningKeys(IServiceScopeFactory scopes, IOptions<IdentityOptions> options, TimeProvider time, ILogger<SigningKeys> logger)
{
    /// <summary>The verb that rotates now and exits (<c>Identity.Api --rotate-signing-key</c>).</summary>
    public const string RotateArgument = "--rotate-signing-key";

    private readonly SemaphoreSlim _reading = new(1, 1);
    private Snapshot? _snapshot;

    private TokenOptions Options => options.Value.Tokens;

    /// <summary>The key that signs now (created if the schedule has none).</summary>
    public async Task<ECDsaSecurityKey> SigningKeyAsync(CancellationToken cancellationToken)
    {
        var key = (await SnapshotAsync(cancellationToken)).SigningAt(time.GetUtcNow());
        if (key is not null)
        {
            return key;
        }

        await EnsureScheduleAsync(cancellationToken);
        return (await SnapshotAsync(cancellationToken)).SigningAt(time.GetUtcNow())
            ?? throw new InvalidOperationException("No signing key is active after the schedule was ensured.");
    }

    /// <summary>The public halves of every key published now: the current, the next and the recently retired ones.</summary>
    public async Task<IReadOnlyList<ECDsaSecurityKey>> PublishedKeysAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return [.. (await SnapshotAsync(cancellationToken)).Keys.Where(k => now < k.Row.PublishedUntil).Select(k => k.PublicKey)];
    }

    /// <summary>Forgets the keys read, so the next use reads them again.</summary>
    public void Forget() => Volatile.Write(ref _snapshot, null);

    public Task EnsureScheduleAsync(CancellationToken cancellationToken) => UnderLockAsync((db, keys, now) =>
    {
        var current = keys.Where(k => k.SignsAt(now)).MaxBy(k => k.ActivatesAt);
        if (current is null)
        {
            Add(db, SigningKey.Create(now, now, Options));
        }
        else if (now >= current.RetiresAt - Options.SigningKeyPublishedAhead && !keys.Any(k => k.ActivatesAt > current.ActivatesAt))
        {
            Add(db, SigningKey.Create(now, current.RetiresAt, Options));
        }

        db.RemoveRange(keys.Where(k => k.PublishedUntil <= now));
    }, cancellationToken);

    /// <summary>
    /// Rotates now: a new key signs once it has been published <see cref="TokenOptions.SigningKeyPublishedAhead"/>,
    /// and the current one retires at that moment (it stays published for <see cref="TokenOptions.RetiredKeyPublishedFor"/>).
    /// </summary>
    public Task RotateAsync(CancellationToken cancellationToken) => UnderLockAsync((db, keys, now) =>
    {
        var activatesAt = now + Options.SigningKeyPublishedAhead;
        db.RemoveRange(keys.Where(k => k.ActivatesAt > now));
        foreach (var key in keys.Where(k => k.ActivatesAt <= now && k.RetiresAt > activatesAt))
        {
            key.Retire(activatesAt, Options);
        }

        Add(db, SigningKey.Create(now, activatesAt, Options));
    }, cancellationToken);

    private void Add(IdentityDbContext db, SigningKey key)
    {
        db.SigningKeys.Add(key);
        logger.LogInformation("Signing key {KeyId} created; it signs from {ActivatesAt:O} to {RetiresAt:O}.", key.Id, key.ActivatesAt, key.RetiresAt);
    }

    private async Task UnderLockAsync(Action<IdentityDbContext, List<SigningKey>, DateTimeOffset> change, CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('identity.signing_keys'))", cancellationToken);
            var keys = await db.SigningKeys.ToListAsync(cancellationToken);
            change(db, keys, time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        Forget();
    }

    private async Task<Snapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _snapshot) is { } fresh && fresh.Age < Options.SigningKeyCacheDuration)
        {
            return fresh;
        }

        await _reading.WaitAsync(cancellationToken);
        try
        {
            if (Volatile.Read(ref _snapshot) is { } readMeanwhile && readMeanwhile.Age < Options.SigningKeyCacheDuration)
            {
                return readMeanwhile;
            }

            await using var scope = scopes.CreateAsyncScope();
            var rows = await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().SigningKeys.AsNoTracking().ToListAsync(cancellationToken);
            var snapshot = new Snapshot([.. rows.Select(row => new LoadedKey(row))], Stopwatch.GetTimestamp());
            Volatile.Write(ref _snapshot, snapshot);
            return snapshot;
        }
        finally
        {
            _reading.Release();
        }
    }

    private sealed record Snapshot(IReadOnlyList<LoadedKey> Keys, long ReadAt)
    {
        // Real elapsed time, not the TimeProvider: the schedule follows the service's clock, the cache the machine's.
        public TimeSpan Age => Stopwatch.GetElapsedTime(ReadAt);

        public ECDsaSecurityKey? SigningAt(DateTimeOffset now) =>
            Keys.Where(k => k.Row.SignsAt(now)).MaxBy(k => k.Row.ActivatesAt)?.PrivateKey;
    }

    private sealed class LoadedKey
    {
        public LoadedKey(SigningKey row)
        {
            Row = row;
            PrivateKey = row.ToSecurityKey();
            PublicKey = new ECDsaSecurityKey(ECDsa.Create(PrivateKey.ECDsa.ExportParameters(includePrivateParameters: false))) { KeyId = row.Id };
        }

        public SigningKey Row { get; }

        public ECDsaSecurityKey PrivateKey { get; }

        public ECDsaSecurityKey PublicKey { get; }
    }
}
