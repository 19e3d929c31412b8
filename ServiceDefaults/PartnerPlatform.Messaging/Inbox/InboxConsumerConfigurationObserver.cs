using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace PartnerPlatform.Messaging.Inbox;

/// <summary>Puts the <see cref="InboxFilter{TDbContext, TConsumer, TMessage}"/> in front of every consumer of the bus.</summary>
internal sealed class InboxConsumerConfigurationObserver<TDbContext>(MessagingMetrics metrics, TimeProvider timeProvider)
    : IConsumerConfigurationObserver
    where TDbContext : DbContext
{
    public void ConsumerConfigured<TConsumer>(IConsumerConfigurator<TConsumer> configurator)
        where TConsumer : class
    {
    }

    public void ConsumerMessageConfigured<TConsumer, TMessage>(IConsumerMessageConfigurator<TConsumer, TMessage> configurator)
        where TConsumer : class
        where TMessage : class =>
        configurator.UseFilter(new InboxFilter<TDbContext, TConsumer, TMessage>(metrics, timeProvider));
}
