using StatusComms.Maintenance;

namespace StatusComms.Functions.Maintenance;

/// <summary>GET scheduled-maintenances/{maintenance_id}.</summary>
public sealed class GetScheduledMaintenance(MaintenanceService maintenances, PageSettings page, TimeProvider time)
{
    [Function(nameof(GetScheduledMaintenance))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ScheduledMaintenance)] HttpRequest request,
        string maintenanceId,
        CancellationToken cancellationToken)
        => await maintenances.GetAsync(maintenanceId, cancellationToken) is { } details
            ? ApiResults.Versioned(request, MaintenanceJson.From(details, page.Id, page.Url, time.GetUtcNow()), details.Maintenance.Version)
            : Problems.NotFound("scheduled maintenance", maintenanceId, request.HttpContext);
}
