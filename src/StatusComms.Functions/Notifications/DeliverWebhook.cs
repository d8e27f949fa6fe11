using System.Text.Json;
using StatusComms.Notifications;

namespace StatusComms.Functions.Notifications;

/// <summary>One message per webhook subscriber and update: the signed POST, retried with back-off.</summary>
public sealed class DeliverWebhook(WebhookDispatcher webhooks)
{
    [Function(nameof(DeliverWebhook))]
    public async Task RunAsync([QueueTrigger(QueueNames.Webhooks)] string message, CancellationToken cancellationToken)
    {
        using var span = StatusComms.Infrastructure.Queues.StorageNotificationQueue.ContinueTrace(message, "webhook post");
        if (JsonSerializer.Deserialize<WebhookMessage>(message, JsonSerializerOptions.Web) is { Key: not null, SubscriberId: not null } delivery)
        {
            await webhooks.DeliverAsync(delivery, cancellationToken);
        }
    }
}

/// <summary>A webhook message that failed maxDequeueCount times: recorded as a failed delivery.</summary>
public sealed class GiveUpWebhook(WebhookDispatcher webhooks)
{
    [Function(nameof(GiveUpWebhook))]
    public async Task RunAsync([QueueTrigger(QueueNames.WebhooksPoison)] string message, CancellationToken cancellationToken)
    {
        if (JsonSerializer.Deserialize<WebhookMessage>(message, JsonSerializerOptions.Web) is { Key: not null, SubscriberId: not null } delivery)
        {
            await webhooks.GiveUpAsync(delivery, cancellationToken);
        }
    }
}
