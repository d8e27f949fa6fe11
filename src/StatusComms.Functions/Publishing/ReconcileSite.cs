using Microsoft.Extensions.Logging;
using StatusComms.Publishing;

namespace StatusComms.Functions.Publishing;

/// <summary>
/// Every minute, publishes whatever a failed publish left pending and refreshes the pages whose content depends
/// on the clock (a maintenance window opening or closing). Unchanged pages are not rewritten.
/// </summary>
public sealed partial class ReconcileSite(SitePublisher publisher, ILogger<ReconcileSite> logger)
{
    /// <summary>Six-field NCRONTAB (with seconds): at second 0 of every minute.</summary>
    public const string Schedule = "0 * * * * *";

    [Function(nameof(ReconcileSite))]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await publisher.PublishAsync(everything: true, cancellationToken);
        LogReconciled(logger, report.Version, report.Written, report.Unchanged, report.Elapsed.TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled site at version {Version}: {Written} written, {Unchanged} unchanged in {ElapsedMs} ms")]
    private static partial void LogReconciled(ILogger logger, long version, int written, int unchanged, double elapsedMs);
}
