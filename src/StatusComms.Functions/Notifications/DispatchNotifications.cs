using Microsoft.Extensions.Logging;
using StatusComms.Notifications;

namespace StatusComms.Functions.Notifications;

/// <summary>Every minute: queues the notifications of updates whose queueing after the change failed (the outbox).</summary>
public sealed partial class DispatchNotifications(OutboxDispatcher outbox, ILogger<DispatchNotifications> logger)
{
    public const string Schedule = "30 * * * * *";

    [Function(nameof(DispatchNotifications))]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var queued = await outbox.DispatchAsync(cancellationToken);
        if (queued > 0)
        {
            LogQueued(logger, queued);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Count} notifications left in the outbox")]
    private static partial void LogQueued(ILogger logger, int count);
}
