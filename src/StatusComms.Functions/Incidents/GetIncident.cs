using StatusComms.Incidents;
using StatusComms.Maintenance;

namespace StatusComms.Functions.Incidents;

/// <summary>
/// GET incidents/{incident_id}, with its ETag for the next update's If-Match; the id of a scheduled maintenance
/// answers the maintenance, in the same shape, as Statuspage does.
/// </summary>
public sealed class GetIncident(IncidentService incidents, MaintenanceService maintenances, PageSettings page, TimeProvider time)
{
    [Function(nameof(GetIncident))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Incident)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
    {
        if (await incidents.GetAsync(incidentId, cancellationToken) is { } details)
        {
            return ApiResults.Versioned(request, IncidentJson.From(details, page.Id, page.Url), details.Incident.Version);
        }

        return await maintenances.GetAsync(incidentId, cancellationToken) is { } planned
            ? ApiResults.Versioned(request, MaintenanceJson.From(planned, page.Id, page.Url, time.GetUtcNow()), planned.Maintenance.Version)
            : Problems.NotFound("incident", incidentId, request.HttpContext);
    }
}
