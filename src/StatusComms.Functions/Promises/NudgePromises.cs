using StatusComms.Promises;

namespace StatusComms.Functions.Promises;

/// <summary>Every minute: tells the comms team about promised next updates that are near or past (<see cref="PromiseWatch"/>).</summary>
public sealed class NudgePromises(PromiseWatch watch)
{
    /// <summary>Six-field NCRONTAB: at second 15 of every minute (the site reconciles at 0, the outbox at 30).</summary>
    public const string Schedule = "15 * * * * *";

    [Function(nameof(NudgePromises))]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
        => await watch.RunAsync(cancellationToken);
}
