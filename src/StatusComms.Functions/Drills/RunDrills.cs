using StatusComms.Drills;

namespace StatusComms.Functions.Drills;

/// <summary>Every minute: each running drill reveals the injects due on its clock, runs its sandbox page's minute (publish, nudges, mail) and ends when its length has passed.</summary>
public sealed class RunDrills(DrillService drills)
{
    /// <summary>Six-field NCRONTAB: at second 50 of every minute (the site reconciles at 0, nudges at 15, the outbox at 30, maintenance at 45).</summary>
    public const string Schedule = "50 * * * * *";

    [Function(nameof(RunDrills))]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
        => await drills.RunAsync(cancellationToken);
}
