using MassTransit;
using PartnerPlatform.Contracts.SubscriptionFiles;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Consumers.Webhooks;

/// <summary>Fans <see cref="ExportCompleted"/> out to the webhook endpoints of the partners it names.</summary>
public sealed class ExportCompletedConsumer(WebhookFanOut fanOut) : IConsumer<ExportCompleted>
{
    public Task Consume(ConsumeContext<ExportCompleted> context) => fanOut.AddDeliveriesAsync(context, m => [m.PartnerId]);
}
