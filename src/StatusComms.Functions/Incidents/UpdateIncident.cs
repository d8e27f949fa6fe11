using StatusComms.Incidents;

namespace StatusComms.Functions.Incidents;

/// <summary>
/// PATCH (or PUT) incidents/{incident_id}: a new status, body or component status posts an update. Send the ETag
/// you read as If-Match: if someone changed the incident since, the answer is 409 and nothing is overwritten.
/// </summary>
public sealed class UpdateIncident(IncidentService incidents, PageSettings page)
{
    [Function(nameof(UpdateIncident))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", "put", Route = Routes.Incident)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<IncidentRequest>(request, cancellationToken);
        var details = await incidents.UpdateAsync(incidentId, body.Incident.ToChanges(request), ApiResults.IfMatch(request), cancellationToken);
        return details is null
            ? Problems.NotFound("incident", incidentId, request.HttpContext)
            : ApiResults.Versioned(request, IncidentJson.From(details, page.Id, page.Url), details.Incident.Version);
    }
}
