using System.Text.Json;
using Azure.Storage.Queues;
using StatusComms.Notifications;

namespace StatusComms.Infrastructure.Queues;

/// <summary>The queue names, from the app setting StatusCommsQueuePrefix that the trigger attributes bind to too.</summary>
public sealed record NotificationQueueNames(string Prefix)
{
    public string Updates => Prefix + "-updates";

    public string Batches => Prefix + "-batches";

    public string Webhooks => Prefix + "-webhooks";
}

/// <summary>
/// Azure Storage Queues for the notification pipeline. Messages are small JSON documents of ids, base64-encoded as
/// the Functions queue trigger expects; a delay is the message's initial invisibility.
/// </summary>
public sealed class StorageNotificationQueue(QueueServiceClient service, NotificationQueueNames names) : INotificationQueue
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lazy<Task> _created = new(() => Task.WhenAll(
        service.GetQueueClient(names.Updates).CreateIfNotExistsAsync(),
        service.GetQueueClient(names.Batches).CreateIfNotExistsAsync(),
        service.GetQueueClient(names.Webhooks).CreateIfNotExistsAsync()));

    public Task EnqueueFanOutAsync(NotificationRef notification, CancellationToken cancellationToken)
        => SendAsync(names.Updates, new FanOutMessage(notification.Key), TimeSpan.Zero, cancellationToken);

    public Task EnqueueBatchAsync(BatchMessage message, TimeSpan delay, CancellationToken cancellationToken)
        => SendAsync(names.Batches, message, delay, cancellationToken);

    public Task EnqueueWebhookAsync(WebhookMessage message, TimeSpan delay, CancellationToken cancellationToken)
        => SendAsync(names.Webhooks, message, delay, cancellationToken);

    private async Task SendAsync<T>(string queue, T message, TimeSpan delay, CancellationToken cancellationToken)
    {
        await _created.Value;
        var visibility = delay <= TimeSpan.Zero ? (TimeSpan?)null : delay > TimeSpan.FromDays(6) ? TimeSpan.FromDays(6) : delay;
        await service.GetQueueClient(queue).SendMessageAsync(BinaryData.FromObjectAsJson(message, Json), visibility, cancellationToken: cancellationToken);
    }
}

/// <summary>The message on the updates queue: the notification's key.</summary>
public sealed record FanOutMessage(string Key);
