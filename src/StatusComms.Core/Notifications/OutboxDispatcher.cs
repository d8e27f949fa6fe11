using Microsoft.Extensions.Logging;

namespace StatusComms.Notifications;

/// <summary>
/// Hands stored updates to the fan-out queue: each outbox entry is queued, then cleared. Runs right after every
/// change and on a timer, so an entry left by a crash or a queue outage is queued within a minute. Queueing an
/// update twice is harmless: its fan-out and its sends are recorded in the ledger.
/// </summary>
public sealed partial class OutboxDispatcher(INotificationOutbox outbox, INotificationQueue queue, ILogger<OutboxDispatcher> logger)
{
    public async Task<int> DispatchAsync(CancellationToken cancellationToken)
    {
        var entries = await outbox.ListAsync(cancellationToken);
        foreach (var entry in entries)
        {
            await queue.EnqueueFanOutAsync(entry.Notification, cancellationToken);
            await outbox.ClearAsync(entry, cancellationToken);
        }

        return entries.Count;
    }

    /// <summary>After a change: never fails the request (the change is stored; the timer retries).</summary>
    public async Task DispatchAfterChangeAsync()
    {
        try
        {
            await DispatchAsync(CancellationToken.None);
        }
#pragma warning disable CA1031 // Recovered by the timer: the outbox entry stays until it is queued.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogDispatchFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queueing notifications after a change failed; the notification timer will queue them.")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);
}
