using Microsoft.Extensions.Logging;

namespace StatusComms.Publishing;

/// <summary>
/// Publishes right after an accepted change: the site first, then the change's notifications to the fan-out queue.
/// The change is already stored, so a failed publish must not fail the request: it is logged, the pending marks and
/// outbox entries stay, and the timers publish them later.
/// </summary>
public sealed partial class PublishAfterChange(SitePublisher publisher, Notifications.OutboxDispatcher notifications, ILogger<PublishAfterChange> logger)
{
    public async Task<PublishReport?> PublishAsync()
    {
        try
        {
            // Not the caller's token: a client that hangs up after its change was accepted still gets a page.
            return await publisher.PublishAsync(everything: false, CancellationToken.None);
        }
#pragma warning disable CA1031 // Any failure here is recovered by the reconcile timer; the change itself succeeded.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogPublishFailed(logger, exception);
            return null;
        }
        finally
        {
            await notifications.DispatchAfterChangeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing the status site after a change failed; the reconcile timer will publish it.")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);
}
