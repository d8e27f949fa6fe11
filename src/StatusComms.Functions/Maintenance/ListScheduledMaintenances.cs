using StatusComms.Maintenance;

namespace StatusComms.Functions.Maintenance;

/// <summary>GET scheduled-maintenances: maintenances, latest window first.</summary>
public sealed class ListScheduledMaintenances(MaintenanceService maintenances, PageSettings page, TimeProvider time)
{
    [Function(nameof(ListScheduledMaintenances))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ScheduledMaintenances)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return ApiResults.Ok((await maintenances.ListAsync(cancellationToken)).Select(m => MaintenanceJson.From(m, page.Id, page.Url, now)).ToArray());
    }
}
