using System.Collections.Concurrent;
using MassTransit;

namespace PartnerPlatform.Messaging.Tests.Support;

/// <summary>Records its effect in the service's database (inside the inbox transaction).</summary>
public sealed class OrderPlacedConsumer(ShopDbContext db) : IConsumer<OrderPlaced>
{
    public async Task Consume(ConsumeContext<OrderPlaced> context)
    {
        db.Effects.Add(new Effect { OrderId = context.Message.OrderId, Consumer = nameof(OrderPlacedConsumer) });
        await db.SaveChangesAsync(context.CancellationToken);
    }
}

/// <summary>Writes its effect and then always fails, so the transaction must roll back every attempt.</summary>
public sealed class PaymentRejectedConsumer(ShopDbContext db, ConsumerProbe probe) : IConsumer<PaymentRejected>
{
    public async Task Consume(ConsumeContext<PaymentRejected> context)
    {
        probe.Attempts.AddOrUpdate(context.Message.OrderId, 1, (_, n) => n + 1);
        db.Effects.Add(new Effect { OrderId = context.Message.OrderId, Consumer = nameof(PaymentRejectedConsumer) });
        await db.SaveChangesAsync(context.CancellationToken);
        throw new InvalidOperationException($"Payment {context.Message.OrderId} cannot be handled.");
    }
}

/// <summary>Sees the faults MassTransit publishes for failed messages.</summary>
public sealed class PaymentRejectedFaultConsumer(ConsumerProbe probe) : IConsumer<Fault<PaymentRejected>>
{
    public Task Consume(ConsumeContext<Fault<PaymentRejected>> context)
    {
        probe.Faults.Enqueue(context.Message);
        return Task.CompletedTask;
    }
}

/// <summary>What the tests observe from consumers beyond the database.</summary>
public sealed class ConsumerProbe
{
    public ConcurrentDictionary<Guid, int> Attempts { get; } = new();

    public ConcurrentQueue<Fault<PaymentRejected>> Faults { get; } = new();
}
