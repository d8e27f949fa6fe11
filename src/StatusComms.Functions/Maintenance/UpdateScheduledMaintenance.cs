using StatusComms.Maintenance;

namespace StatusComms.Functions.Maintenance;

/// <summary>PATCH scheduled-maintenances/{maintenance_id}: posts an update, optionally with a new stage; If-Match honoured.</summary>
public sealed class UpdateScheduledMaintenance(MaintenanceService maintenances, PageSettings page, TimeProvider time)
{
    [Function(nameof(UpdateScheduledMaintenance))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", "put", Route = Routes.ScheduledMaintenance)] HttpRequest request,
        string maintenanceId,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<MaintenanceRequest>(request, cancellationToken);
        var details = await maintenances.UpdateAsync(maintenanceId, body.ScheduledMaintenance.ToChanges(request), ApiResults.IfMatch(request), cancellationToken);
        return details is null
            ? Problems.NotFound("scheduled maintenance", maintenanceId, request.HttpContext)
            : ApiResults.Versioned(request, MaintenanceJson.From(details, page.Id, page.Url, time.GetUtcNow()), details.Maintenance.Version);
    }
}
