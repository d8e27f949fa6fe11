using StatusComms.Incidents;
using StatusComms.Maintenance;

namespace StatusComms.Functions.Incidents;

/// <summary>
/// POST incidents with <c>{"incident": {...}}</c>: opens an incident with its first update; planned work (a
/// maintenance status or a scheduled_for, as Statuspage takes it) becomes a scheduled maintenance instead.
/// </summary>
public sealed class CreateIncident(IncidentService incidents, MaintenanceService maintenances, PageSettings page, TimeProvider time)
{
    [Function(nameof(CreateIncident))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Incidents)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<IncidentRequest>(request, cancellationToken);
        if (body.Incident.IsMaintenance)
        {
            var planned = await maintenances.CreateAsync(body.Incident.ToNewMaintenance(request), cancellationToken);
            return ApiResults.Versioned(request, MaintenanceJson.From(planned, page.Id, page.Url, time.GetUtcNow()), planned.Maintenance.Version, StatusCodes.Status201Created);
        }

        var details = await incidents.CreateAsync(body.Incident.ToCommand(request, opening: true), cancellationToken);
        return ApiResults.Versioned(request, IncidentJson.From(details, page.Id, page.Url), details.Incident.Version, StatusCodes.Status201Created);
    }
}
