using System.Collections.Concurrent;
using System.Diagnostics;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// Permits this instance took from Redis ahead of use, one lease per set of windows: a request
/// spends one locally; when the lease is spent (or a window old) one request takes the next lease
/// while the others for the same windows wait for it, so an instance never holds more than one
/// unspent lease per set of windows. Every permit of a lease is in Redis's windows from the moment
/// it was taken, so any window of time admits at most what Redis granted in it plus what was left
/// of the leases held when it began: <c>limit + instances × lease size</c> at worst.
/// </summary>
internal sealed class PermitLeases(RedisRateLimiter windows)
{
    // Entries are swept of expired leases when this many new ones were added since the last sweep.
    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<string, Lease> _leases = new(StringComparer.Ordinal);
    private int _addedSinceSweep;

    /// <summary>Spends one permit of the lease for <paramref name="keys"/>, taking a lease of <paramref name="size"/> when none is left.</summary>
    /// <exception cref="StackExchange.Redis.RedisException">Redis failed while taking a lease.</exception>
    public async Task<RateLimitVerdict> TryAcquireAsync(IReadOnlyList<string> keys, int limit, TimeSpan window, int size)
    {
        var name = keys.Count == 1 ? keys[0] : string.Join('\n', keys);
        while (true)
        {
            var lease = _leases.GetOrAdd(name, NewLease);
            TaskCompletionSource<RateLimitGrant>? taking = null;
            Task<RateLimitGrant> refill;
            lock (lease)
            {
                if (lease.Swept)
                {
                    continue;
                }

                if (lease.Remaining > 0 && Stopwatch.GetTimestamp() < lease.ExpiresAt)
                {
                    lease.Remaining--;
                    return new RateLimitVerdict(true, TimeSpan.Zero);
                }

                if (lease.Refill is null)
                {
                    taking = new TaskCompletionSource<RateLimitGrant>(TaskCreationOptions.RunContinuationsAsynchronously);
                    lease.Refill = taking.Task;
                }

                refill = lease.Refill;
            }

            if (taking is not null)
            {
                await TakeLeaseAsync(lease, taking, keys, limit, window, size);
            }

            var grant = await refill;
            if (grant.Granted == 0)
            {
                return new RateLimitVerdict(false, grant.RetryAfter);
            }
        }
    }

    private Lease NewLease(string name)
    {
        if (Interlocked.Increment(ref _addedSinceSweep) >= SweepEvery)
        {
            _addedSinceSweep = 0;
            var now = Stopwatch.GetTimestamp();
            foreach (var (key, lease) in _leases)
            {
                lock (lease)
                {
                    if (lease.Refill is null && lease.ExpiresAt < now)
                    {
                        lease.Swept = true;
                        _leases.TryRemove(key, out _);
                    }
                }
            }
        }

        return new Lease();
    }

    private async Task TakeLeaseAsync(Lease lease, TaskCompletionSource<RateLimitGrant> taking, IReadOnlyList<string> keys, int limit, TimeSpan window, int size)
    {
        // The lease lives one window from before the call, so it ends no later than its permits leave Redis's windows.
        var expiresAt = Stopwatch.GetTimestamp() + (long)(window.TotalSeconds * Stopwatch.Frequency);
        try
        {
            var grant = await windows.TryAcquireManyAsync(keys, limit, window, size);
            lock (lease)
            {
                // A refused grant leaves the lease empty: the requests that waited for it are refused,
                // and the next request asks Redis again.
                lease.Remaining = grant.Granted;
                lease.ExpiresAt = expiresAt;
                lease.Refill = null;
            }

            taking.SetResult(grant);
        }
        catch (Exception ex)
        {
            lock (lease)
            {
                lease.Refill = null;
            }

            taking.SetException(ex);
        }
    }

    private sealed class Lease
    {
        public int Remaining;
        public long ExpiresAt;
        public Task<RateLimitGrant>? Refill;
        public bool Swept;
    }
}
