using StatusComms.Maintenance;

namespace StatusComms.Functions.Maintenance;

/// <summary>Every minute: reminds, starts and completes maintenances by their windows (<see cref="MaintenanceSchedule"/>).</summary>
public sealed class AdvanceMaintenances(MaintenanceSchedule schedule)
{
    /// <summary>Six-field NCRONTAB: at second 45 of every minute.</summary>
    public const string Schedule = "45 * * * * *";

    [Function(nameof(AdvanceMaintenances))]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
        => await schedule.RunAsync(cancellationToken);
}
