using StatusComms.Incidents;

namespace StatusComms.Functions.Incidents;

/// <summary>
/// PATCH (or PUT) incidents/{incident_id}/incident_updates/{update_id}: rewords a posted update or moves the time it
/// is shown at, as Statuspage's "edit an incident update". The new words pass the candor check; the page is
/// republished; nobody is mailed again. Answers the edited update; If-Match optional (the incident's ETag).
/// </summary>
public sealed class EditIncidentUpdate(IncidentService incidents)
{
    [Function(nameof(EditIncidentUpdate))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", "put", Route = Routes.IncidentUpdate)] HttpRequest request,
        string incidentId,
        string updateId,
        CancellationToken cancellationToken)
        => EditAsync(request, incidents, incidentId, updateId, cancellationToken);

    internal static async Task<IActionResult> EditAsync(HttpRequest request, IncidentService incidents, string incidentId, string updateId, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<IncidentUpdateRequest>(request, cancellationToken);
        return await incidents.EditUpdateAsync(incidentId, updateId, body.IncidentUpdate.ToEdit(request), ApiResults.IfMatch(request), cancellationToken) is { } details
            ? ApiResults.Versioned(request, IncidentUpdateJson.From(details.Incident.Updates.Single(u => u.Id == updateId)), details.Incident.Version)
            : Problems.NotFound("incident", incidentId, request.HttpContext);
    }
}
