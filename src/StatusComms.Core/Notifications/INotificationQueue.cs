namespace StatusComms.Notifications;

/// <summary>The queues of the pipeline: one message per update to fan out, one per batch to send, one per webhook delivery.</summary>
public interface INotificationQueue
{
    Task EnqueueFanOutAsync(NotificationRef notification, CancellationToken cancellationToken);

    /// <param name="delay">How long the message stays invisible: a retry's back-off, or until a rate limit resets.</param>
    Task EnqueueBatchAsync(BatchMessage message, TimeSpan delay, CancellationToken cancellationToken);

    Task EnqueueWebhookAsync(WebhookMessage message, TimeSpan delay, CancellationToken cancellationToken);
}

/// <summary>The queue message asking for one batch of one update to be sent.</summary>
public sealed record BatchMessage(string Key, int Batch);

/// <summary>The queue message asking for one update to be posted to one webhook subscriber.</summary>
public sealed record WebhookMessage(string Key, string SubscriberId);
