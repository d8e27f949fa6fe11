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
/// the Functions queue trigger expects; a delay is the message's initial invisibility. Each carries the trace it was
/// queued in (<c>traceparent</c>, W3C), so the fan-out and each send continue the trace of the change that caused them.
/// </summary>
public sealed class StorageNotificationQueue(QueueServiceClient service, NotificationQueueNames names) : INotificationQueue
{
    /// <summary>The message property holding the W3C trace context it was queued in.</summary>
    public const string TraceProperty = "traceparent";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Starts the span of a queue function's work as a child of the trace its message was queued in (or a new trace
    /// for a message without one, or not JSON).
    /// </summary>
    public static System.Diagnostics.Activity? ContinueTrace(string message, string operation)
    {
        string? parent = null;
        try
        {
            using var document = JsonDocument.Parse(message);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(TraceProperty, out var trace) && trace.ValueKind == JsonValueKind.String)
            {
                parent = trace.GetString();
            }
        }
        catch (JsonException)
        {
        }

        return parent is not null && System.Diagnostics.ActivityContext.TryParse(parent, null, out var context)
            ? Common.StatusCommsTelemetry.Traces.StartActivity(operation, System.Diagnostics.ActivityKind.Consumer, context)
            : Common.StatusCommsTelemetry.Traces.StartActivity(operation, System.Diagnostics.ActivityKind.Consumer);
    }
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
        var body = JsonSerializer.SerializeToNode(message, Json)!.AsObject();
        if (System.Diagnostics.Activity.Current is { IdFormat: System.Diagnostics.ActivityIdFormat.W3C, Id: { } trace })
        {
            body[TraceProperty] = trace;
        }

        await service.GetQueueClient(queue).SendMessageAsync(BinaryData.FromString(body.ToJsonString()), visibility, cancellationToken: cancellationToken);
    }
}

/// <summary>The message on the updates queue: the notification's key.</summary>
public sealed record FanOutMessage(string Key);
