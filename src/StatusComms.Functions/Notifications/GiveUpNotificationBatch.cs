using System.Text.Json;
using StatusComms.Notifications;

namespace StatusComms.Functions.Notifications;

/// <summary>
/// A batch message that failed maxDequeueCount times lands on the poison queue; this records it as a failed (or, if
/// it was mid-send, ambiguous) delivery with its cause, listed by GET deliveries/problems.
/// </summary>
public sealed class GiveUpNotificationBatch(NotificationDispatcher dispatcher)
{
    [Function(nameof(GiveUpNotificationBatch))]
    public async Task RunAsync([QueueTrigger(QueueNames.BatchesPoison)] string message, long dequeueCount, CancellationToken cancellationToken)
    {
        var batch = JsonSerializer.Deserialize<BatchMessage>(message, JsonSerializerOptions.Web);
        if (batch is not null)
        {
            await dispatcher.GiveUpAsync(batch, MaxDequeueCount, cancellationToken);
        }
    }

    /// <summary>host.json's extensions.queues.maxDequeueCount.</summary>
    public const int MaxDequeueCount = 5;
}
