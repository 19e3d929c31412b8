using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PartnerPlatform.ServiceDefaults;

public static class IdempotencyExtensions
{
    /// <summary>
    /// Idempotency keys in the <c>idempotency_keys</c> table of the service's database
    /// <c>ConnectionStrings:{connectionName}</c> (created on first use), with an hourly clean-up of
    /// expired keys. Options: configuration section <c>Idempotency</c>.
    /// </summary>
    public static IHostApplicationBuilder AddIdempotency(this IHostApplicationBuilder builder, string connectionName)
    {
        builder.Services.TryAddPostgresDataSources();
        builder.Services.AddOptions<IdempotencyOptions>()
            .BindConfiguration(IdempotencyOptions.SectionName)
            .Configure(options => options.ConnectionName = connectionName);
        builder.Services.TryAddSingleton<IdempotencyStore>();
        builder.Services.AddHostedService<IdempotencyCleanup>();
        return builder;
    }

    /// <summary>
    /// Replays the first response for a repeated <c>Idempotency-Key</c> with the same request,
    /// answers 422 CBC.0158 for the same key with a different request, and runs concurrent
    /// duplicates once. <paramref name="required"/>: a request without the header is a 400.
    /// </summary>
    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder, bool required = true)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint => endpoint.Metadata.Add(new IdempotencyMetadata(required)));
        builder.AddEndpointFilter<TBuilder, IdempotencyFilter>();
        return builder;
    }

    /// <summary>
    /// Like <see cref="WithIdempotency{TBuilder}"/>, for a handler that writes the key with its response
    /// in the transaction of its business change (<see cref="IdempotentRequest"/>, from
    /// <c>HttpContext.GetIdempotentRequest()</c>): one lookup before the handler instead of a claim
    /// held open during it, and no window in which the change is committed but the key is not. The
    /// handler must write every change it makes in that one transaction with the key.
    /// <para>
    /// <paramref name="lookupFirst"/> false drops that lookup too: the handler's insert of the key is
    /// the check. A repeat fails that insert, its transaction rolls back and the filter answers what
    /// the first request stored; a key whose row had expired is dropped and the handler runs once
    /// more. Only for a handler whose transaction takes the key before anything it must not do
    /// twice, so that it can run again after a failed insert (no tracked entities, nothing sent).
    /// </para>
    /// </summary>
    public static TBuilder WithTransactionalIdempotency<TBuilder>(this TBuilder builder, bool required = true, bool lookupFirst = true)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint => endpoint.Metadata.Add(new IdempotencyMetadata(required, storedByHandler: true, lookupFirst)));
        builder.AddEndpointFilter<TBuilder, IdempotencyFilter>();
        return builder;
    }

    /// <summary>Buffers the body of idempotent endpoints before it is bound, so it can be hashed.</summary>
    internal static IApplicationBuilder UseIdempotencyBuffering(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<IdempotencyMetadata>() is not null)
            {
                context.Request.EnableBuffering();
            }

            return next(context);
        });
}

/// <summary>Deletes expired keys every <see cref="IdempotencyOptions.CleanupInterval"/>.</summary>
internal sealed class IdempotencyCleanup(
    IdempotencyStore store,
    IOptions<IdempotencyOptions> options,
    TimeProvider timeProvider,
    ILogger<IdempotencyCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, timeProvider);
        do
        {
            try
            {
                var deleted = await store.DeleteExpiredAsync(stoppingToken);
                logger.LogDebug("Deleted {Count} expired idempotency keys", deleted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Deleting expired idempotency keys failed; next attempt in {Interval}", options.Value.CleanupInterval);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
