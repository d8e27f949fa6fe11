using System.Text.Json;
using Microsoft.Extensions.Logging;
using StatusComms.Infrastructure.Queues;
using StatusComms.Notifications;

namespace StatusComms.Functions.Notifications;

/// <summary>
/// A fan-out message that failed maxDequeueCount times lands on the updates poison queue; this records it as a failed
/// delivery of the update (target "plan"), listed with the problems in the console and <c>GET deliveries/problems</c>,
/// where a person sends it again once the cause is fixed. Without it the update would be parked with nothing recording it.
/// </summary>
public sealed partial class GiveUpFanOut(NotificationDispatcher dispatcher, ILogger<GiveUpFanOut> logger)
{
    [Function(nameof(GiveUpFanOut))]
    public async Task RunAsync([QueueTrigger(QueueNames.UpdatesPoison)] string message, CancellationToken cancellationToken)
    {
        FanOutMessage? parsed = null;
        try
        {
            parsed = JsonSerializer.Deserialize<FanOutMessage>(message, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
        }

        if (NotificationRef.TryParse(parsed?.Key) is not { } notification)
        {
            LogMalformed(logger, message);
            return;
        }

        await dispatcher.GiveUpFanOutAsync(notification, GiveUpNotificationBatch.MaxDequeueCount, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a poisoned fan-out message that names no notification: {Message}")]
    private static partial void LogMalformed(ILogger logger, string message);
}
