using StatusComms.Maintenance;

namespace StatusComms.Functions.Incidents;

/// <summary>
/// Statuspage's views of planned work among incidents, answered from the scheduled maintenances in their incident
/// shape, soonest window first.
/// </summary>
public static class PlannedIncidents
{
    public static async Task<IActionResult> ListAsync(MaintenanceService maintenances, PageSettings page, TimeProvider time, Func<MaintenanceStatus, bool> wanted, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return ApiResults.Ok((await maintenances.ListAsync(cancellationToken))
            .Where(m => wanted(m.Maintenance.EffectiveStatus(now)))
            .OrderBy(m => m.Maintenance.ScheduledFor)
            .Select(m => MaintenanceJson.From(m, page.Id, page.Url, now))
            .ToArray());
    }
}

/// <summary>GET incidents/scheduled: every scheduled maintenance not yet completed.</summary>
public sealed class ListScheduledIncidents(MaintenanceService maintenances, PageSettings page, TimeProvider time)
{
    [Function(nameof(ListScheduledIncidents))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ScheduledIncidents)] HttpRequest request,
        CancellationToken cancellationToken)
        => PlannedIncidents.ListAsync(maintenances, page, time, s => s != MaintenanceStatus.Completed, cancellationToken);
}

/// <summary>GET incidents/upcoming: maintenances whose window has not begun.</summary>
public sealed class ListUpcomingIncidents(MaintenanceService maintenances, PageSettings page, TimeProvider time)
{
    [Function(nameof(ListUpcomingIncidents))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.UpcomingIncidents)] HttpRequest request,
        CancellationToken cancellationToken)
        => PlannedIncidents.ListAsync(maintenances, page, time, s => s == MaintenanceStatus.Scheduled, cancellationToken);
}

/// <summary>GET incidents/active_maintenance: maintenances in progress or verifying.</summary>
public sealed class ListActiveMaintenanceIncidents(MaintenanceService maintenances, PageSettings page, TimeProvider time)
{
    [Function(nameof(ListActiveMaintenanceIncidents))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ActiveMaintenanceIncidents)] HttpRequest request,
        CancellationToken cancellationToken)
        => PlannedIncidents.ListAsync(maintenances, page, time, s => s is MaintenanceStatus.InProgress or MaintenanceStatus.Verifying, cancellationToken);
}
