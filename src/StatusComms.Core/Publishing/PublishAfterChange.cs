using Microsoft.Extensions.Logging;

namespace StatusComms.Publishing;

/// <summary>
/// Publishes right after an accepted change: the site first, then the change's notifications to the fan-out queue.
/// The change is already stored, so a failed publish must not fail the request: it is logged, the pending marks and
/// outbox entries stay, and the timers publish them later.
/// Changes that arrive together share publishes: one publish runs at a time, and every change that comes while it
/// runs waits for the one publish that starts right after it (which reads them all). A burst of changes costs two
/// publishes, not one each, and a request still returns only once its change is on the page.
/// </summary>
public sealed partial class PublishAfterChange(SitePublisher publisher, Notifications.OutboxDispatcher notifications, ILogger<PublishAfterChange> logger)
{
    private readonly Lock _gate = new();
    private Round? _running;
    private Round? _next;

    /// <summary>How many publishes this process has run for changes (for the tests and the benchmarks).</summary>
    public int Rounds { get; private set; }

    /// <summary>The time those publishes took, with the notifications queued after each (for the benchmarks).</summary>
    public TimeSpan Busy { get; private set; }

    /// <summary>Returns once a publish that started after this call has finished (null if it failed).</summary>
    public Task<PublishReport?> PublishAsync()
    {
        Round round;
        var start = false;
        lock (_gate)
        {
            if (_next is not null)
            {
                round = _next; // Not started yet: it will read this change.
            }
            else if (_running is null)
            {
                round = _running = new Round();
                start = true;
            }
            else
            {
                round = _next = new Round(); // The running one may have read before this change.
            }
        }

        if (start)
        {
            _ = RunAsync(round);
        }

        return round.Done.Task;
    }

    private async Task RunAsync(Round? round)
    {
        while (round is not null)
        {
            Rounds++;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var report = await PublishOnceAsync();
            Busy += System.Diagnostics.Stopwatch.GetElapsedTime(started);
            round.Done.SetResult(report);
            lock (_gate)
            {
                round = _running = _next;
                _next = null;
            }
        }
    }

    private async Task<PublishReport?> PublishOnceAsync()
    {
        try
        {
            // Not a caller's token: a client that hangs up after its change was accepted still gets a page.
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

    /// <summary>One publish, and everyone waiting for it.</summary>
    private sealed class Round
    {
        public TaskCompletionSource<PublishReport?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing the status site after a change failed; the reconcile timer will publish it.")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);
}
