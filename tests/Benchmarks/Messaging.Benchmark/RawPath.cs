using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Messaging.Benchmark;

/// <summary>
/// The baseline: RabbitMQ.Client alone. Publish with confirms after the business commit; a consumer
/// that does the same database work as the inbox filter (inbox row and effect in one transaction)
/// and then acknowledges. Same queue type, prefetch and concurrency as the MassTransit endpoint.
/// </summary>
public sealed class RawPath : IAsyncDisposable
{
    private const string Exchange = "bench-raw";
    private const string Queue = "bench-raw";
    private const ushort Prefetch = 32;

    private readonly IConnection _connection;
    private readonly IChannel _consumerChannel;
    private readonly IChannel[] _publishChannels;
    private readonly PooledDbContextFactory<BenchDbContext> _dbFactory;

    private RawPath(IConnection connection, IChannel consumerChannel, IChannel[] publishChannels, PooledDbContextFactory<BenchDbContext> dbFactory)
    {
        _connection = connection;
        _consumerChannel = consumerChannel;
        _publishChannels = publishChannels;
        _dbFactory = dbFactory;
    }

    public static async Task<RawPath> StartAsync(string postgres, Uri eventBus, int producers)
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
        for (var i = 0; i < producers; i++)
        {
            publishChannels[i] = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        }

        var path = new RawPath(connection, consumerChannel, publishChannels, dbFactory);
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

    public async ValueTask DisposeAsync()
    {
        await _consumerChannel.CloseAsync();
        foreach (var channel in _publishChannels)
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
