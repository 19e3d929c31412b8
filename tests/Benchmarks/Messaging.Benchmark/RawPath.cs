using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Messaging.Benchmark;

/// <summary>
/// The baseline: RabbitMQ.Client alone. Publish with confirms after the business commit, either
/// awaiting each confirm (the same work as a relay that awaits every publish) or pipelined: a window
/// of outstanding confirms per producer, as RabbitMQ's PerfTest publishes (<c>--confirm</c>). A
/// consumer that does the same database work as the inbox filter (inbox row and effect in one
/// transaction) and then acknowledges. Same queue type, prefetch and concurrency as the MassTransit endpoint.
/// </summary>
public sealed class RawPath : IAsyncDisposable
{
    private const string Exchange = "bench-raw";
    private const string Queue = "bench-raw";
    private const ushort Prefetch = 32;

    private readonly IConnection _connection;
    private readonly IChannel _consumerChannel;
    private readonly IChannel[] _publishChannels;
    private readonly IChannel[] _pipelinedChannels;
    private readonly SemaphoreSlim[] _windows;
    private readonly PooledDbContextFactory<BenchDbContext> _dbFactory;
    private int _failedPublishes;

    private RawPath(
        IConnection connection, IChannel consumerChannel, IChannel[] publishChannels, IChannel[] pipelinedChannels, int window, PooledDbContextFactory<BenchDbContext> dbFactory)
    {
        _connection = connection;
        _consumerChannel = consumerChannel;
        _publishChannels = publishChannels;
        _pipelinedChannels = pipelinedChannels;
        _windows = pipelinedChannels.Select(_ => new SemaphoreSlim(window, window)).ToArray();
        Window = window;
        _dbFactory = dbFactory;
    }

    /// <summary>Outstanding confirms a pipelined publisher allows itself.</summary>
    public int Window { get; }

    public static async Task<RawPath> StartAsync(string postgres, Uri eventBus, int producers, int window)
    {
        var dbFactory = new PooledDbContextFactory<BenchDbContext>(new DbContextOptionsBuilder<BenchDbContext>().UseNpgsql(postgres).Options);
        var connection = await new ConnectionFactory { Uri = eventBus }.CreateConnectionAsync();
        await using (var setup = await connection.CreateChannelAsync())
        {
            await setup.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true);
            await setup.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
            await setup.QueueBindAsync(Queue, Exchange, "");
        }

        var consumerChannel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: false, publisherConfirmationTrackingEnabled: false, consumerDispatchConcurrency: Prefetch));
        await consumerChannel.BasicQosAsync(0, Prefetch, false);
        var publishChannels = new IChannel[producers];
        var pipelinedChannels = new IChannel[producers];
        for (var i = 0; i < producers; i++)
        {
            publishChannels[i] = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
            pipelinedChannels[i] = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        }

        var path = new RawPath(connection, consumerChannel, publishChannels, pipelinedChannels, window, dbFactory);
        var consumer = new AsyncEventingBasicConsumer(consumerChannel);
        consumer.ReceivedAsync += path.OnReceivedAsync;
        await consumerChannel.BasicConsumeAsync(Queue, autoAck: false, consumer);
        return path;
    }

    public async Task PublishAsync(Run run, int producer, int sequence)
    {
        var orderId = Guid.NewGuid();
        await using (var db = _dbFactory.CreateDbContext())
        {
            db.Orders.Add(new Order { Id = orderId, Sequence = sequence });
            run.Committing(sequence);
            await db.SaveChangesAsync();
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new OrderPlaced(orderId, sequence, DateTimeOffset.UtcNow));
        var properties = new BasicProperties { MessageId = Guid.NewGuid().ToString(), Persistent = true, ContentType = "application/json" };
        // With confirmation tracking the call returns once the broker has confirmed the message.
        await _publishChannels[producer].BasicPublishAsync(Exchange, "", mandatory: false, properties, body);
    }

    /// <summary>
    /// Business row committed, then the event published without awaiting its confirm: the producer
    /// goes on while up to <see cref="Window"/> of its publishes await theirs.
    /// </summary>
    public async Task PublishPipelinedAsync(Run run, int producer, int sequence)
    {
        var orderId = Guid.NewGuid();
        await using (var db = _dbFactory.CreateDbContext())
        {
            db.Orders.Add(new Order { Id = orderId, Sequence = sequence });
            run.Committing(sequence);
            await db.SaveChangesAsync();
        }

        await _windows[producer].WaitAsync();
        _ = PublishAndReleaseAsync(producer, Body(orderId, sequence));
    }

    /// <summary>
    /// Publishes <paramref name="count"/> events (no database work) on one channel with a window of
    /// outstanding confirms; answers the time until the last was confirmed.
    /// </summary>
    public async Task<TimeSpan> DrainAsync(int count)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var inFlight = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            await _windows[0].WaitAsync();
            inFlight.Add(PublishAndReleaseAsync(0, Body(Guid.NewGuid(), -1)));
        }

        await Task.WhenAll(inFlight);
        ThrowIfPublishesFailed();
        return System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Every pipelined publish so far was confirmed (a nack or a broken channel throws).</summary>
    public void ThrowIfPublishesFailed()
    {
        if (Volatile.Read(ref _failedPublishes) > 0)
        {
            throw new InvalidOperationException($"{_failedPublishes} pipelined publishes were not confirmed.");
        }
    }

    private static byte[] Body(Guid orderId, int sequence) => JsonSerializer.SerializeToUtf8Bytes(new OrderPlaced(orderId, sequence, DateTimeOffset.UtcNow));

    private async Task PublishAndReleaseAsync(int producer, byte[] body)
    {
        try
        {
            var properties = new BasicProperties { MessageId = Guid.NewGuid().ToString(), Persistent = true, ContentType = "application/json" };
            await _pipelinedChannels[producer].BasicPublishAsync(Exchange, "", mandatory: false, properties, body);
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.PublishException or RabbitMQ.Client.Exceptions.OperationInterruptedException or RabbitMQ.Client.Exceptions.AlreadyClosedException)
        {
            Interlocked.Increment(ref _failedPublishes);
        }
        finally
        {
            _windows[producer].Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _consumerChannel.CloseAsync();
        foreach (var channel in _publishChannels.Concat(_pipelinedChannels))
        {
            await channel.CloseAsync();
        }

        await _connection.CloseAsync();
    }

    private async Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
    {
        var placed = JsonSerializer.Deserialize<OrderPlaced>(delivery.Body.Span)!;
        await using (var db = _dbFactory.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var inserted = await db.Database.ExecuteSqlAsync(
                $"INSERT INTO inbox_messages (message_id, consumer, processed_at) VALUES ({Guid.Parse(delivery.BasicProperties.MessageId!)}, {"raw"}, {DateTimeOffset.UtcNow}) ON CONFLICT DO NOTHING");
            if (inserted == 1)
            {
                db.Effects.Add(new Effect { Sequence = placed.Sequence });
                await db.SaveChangesAsync();
            }

            await transaction.CommitAsync();
        }

        await _consumerChannel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        Run.Current?.Consumed(placed.Sequence);
    }
}
