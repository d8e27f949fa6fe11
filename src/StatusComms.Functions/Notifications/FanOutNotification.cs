using System.Text.Json;
using Microsoft.Extensions.Logging;
using StatusComms.Infrastructure.Queues;
using StatusComms.Notifications;

namespace StatusComms.Functions.Notifications;

/// <summary>One message per published update: writes its batches (≤ 1,000 recipients each) and queues them.</summary>
public sealed partial class FanOutNotification(NotificationDispatcher dispatcher, ILogger<FanOutNotification> logger)
{
    [Function(nameof(FanOutNotification))]
    public async Task RunAsync([QueueTrigger(QueueNames.Updates)] string message, CancellationToken cancellationToken)
    {
        using var span = StorageNotificationQueue.ContinueTrace(message, "fan-out");
        var notification = NotificationRef.TryParse(JsonSerializer.Deserialize<FanOutMessage>(message, JsonSerializerOptions.Web)?.Key);
        if (notification is null)
        {
            LogMalformed(logger, message);
            return;
        }

        var plan = await dispatcher.FanOutAsync(notification, cancellationToken);
        var (emails, webhooks) = (plan.Batches.Sum(b => b.EmailSubscriberIds.Count), plan.Batches.Sum(b => b.WebhookSubscriberIds.Count));
        LogPlanned(logger, notification.Key, plan.Batches.Count, emails, webhooks);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a fan-out message that names no notification: {Message}")]
    private static partial void LogMalformed(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {Key}: {Batches} batches queued for {Emails} email and {Webhooks} webhook subscribers")]
    private static partial void LogPlanned(ILogger logger, string key, int batches, int emails, int webhooks);
}
