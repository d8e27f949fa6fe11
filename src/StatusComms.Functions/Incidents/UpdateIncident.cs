using StatusComms.Incidents;
using StatusComms.Maintenance;

namespace StatusComms.Functions.Incidents;

/// <summary>
/// PATCH (or PUT) incidents/{incident_id}: a new status, body or component status posts an update. Send the ETag
/// you read as If-Match: if someone changed the incident since, the answer is 409 and nothing is overwritten. An id
/// of a scheduled maintenance (Statuspage keeps planned work among incidents) updates the maintenance.
/// </summary>
public sealed class UpdateIncident(IncidentService incidents, MaintenanceService maintenances, PageSettings page, TimeProvider time)
{
    [Function(nameof(UpdateIncident))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", "put", Route = Routes.Incident)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<IncidentRequest>(request, cancellationToken);
        if (await maintenances.GetAsync(incidentId, cancellationToken) is not null)
        {
            var planned = await maintenances.UpdateAsync(incidentId, body.Incident.ToMaintenanceChanges(request), ApiResults.IfMatch(request), cancellationToken);
            return planned is null
                ? Problems.NotFound("incident", incidentId, request.HttpContext)
                : ApiResults.Versioned(request, MaintenanceJson.From(planned, page.Id, page.Url, time.GetUtcNow()), planned.Maintenance.Version);
        }

        var details = await incidents.UpdateAsync(incidentId, body.Incident.ToCommand(request, opening: false), ApiResults.IfMatch(request), cancellationToken);
        return details is null
            ? Problems.NotFound("incident", incidentId, request.HttpContext)
            : ApiResults.Versioned(request, IncidentJson.From(details, page.Id, page.Url), details.Incident.Version);
    }
}
