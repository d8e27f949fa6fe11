using System.Text.Json;
using StatusComms.Notifications;

namespace StatusComms.Functions.Notifications;

/// <summary>One message per batch: one SendGrid mail/send call for up to 1,000 recipients, recorded in the ledger.</summary>
public sealed class SendNotificationBatch(NotificationDispatcher dispatcher)
{
    [Function(nameof(SendNotificationBatch))]
    public async Task RunAsync([QueueTrigger(QueueNames.Batches)] string message, CancellationToken cancellationToken)
    {
        using var span = StatusComms.Infrastructure.Queues.StorageNotificationQueue.ContinueTrace(message, "mail batch");
        var batch = JsonSerializer.Deserialize<BatchMessage>(message, JsonSerializerOptions.Web);
        if (batch is not null)
        {
            await dispatcher.SendBatchAsync(batch, cancellationToken);
        }
    }
}
