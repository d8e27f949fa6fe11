using StatusComms.Maintenance;

namespace StatusComms.Functions.Maintenance;

/// <summary>POST scheduled-maintenances with <c>{"scheduled_maintenance": {...}}</c>.</summary>
public sealed class CreateScheduledMaintenance(MaintenanceService maintenances, PageSettings page, TimeProvider time)
{
    [Function(nameof(CreateScheduledMaintenance))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ScheduledMaintenances)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<MaintenanceRequest>(request, cancellationToken);
        var details = await maintenances.CreateAsync(body.ScheduledMaintenance.ToNewMaintenance(request), cancellationToken);
        return ApiResults.Versioned(request, MaintenanceJson.From(details, page.Id, page.Url, time.GetUtcNow()), details.Maintenance.Version, StatusCodes.Status201Created);
    }
}
