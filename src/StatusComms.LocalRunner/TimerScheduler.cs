using NCrontab;
using StatusComms.Functions.Hosting;

namespace StatusComms.LocalRunner;

/// <summary>Runs each timer-triggered function on the schedule its attribute declares (six-field NCRONTAB, UTC).</summary>
public sealed partial class TimerScheduler(IServiceProvider services, TimeProvider time, ILogger<TimerScheduler> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
        => Task.WhenAll(FunctionCatalog.All.Where(f => f.Trigger == FunctionTrigger.Timer).Select(f => RunAsync(f, stoppingToken)));

    private async Task RunAsync(FunctionEntry entry, CancellationToken stoppingToken)
    {
        var schedule = CrontabSchedule.Parse(entry.Schedule!, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var next = schedule.GetNextOccurrence(now);
            try
            {
                await Task.Delay(next - now, time, stoppingToken);
                await FunctionInvoker.InvokeTimerAsync(entry, services, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed run is logged and the schedule goes on, as in the Functions host.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogTimerFailed(logger, exception, entry.Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer function {Name} failed")]
    private static partial void LogTimerFailed(ILogger logger, Exception exception, string name);
}
