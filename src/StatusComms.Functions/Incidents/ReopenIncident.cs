using StatusComms.Incidents;

namespace StatusComms.Functions.Incidents;

/// <summary>
/// POST incidents/{incident_id}/reopen with <c>{"incident": {"body": "...", "status": "investigating"}}</c>:
/// the explicit act of reopening a resolved incident when the problem is back.
/// </summary>
public sealed class ReopenIncident(IncidentService incidents, PageSettings page)
{
    [Function(nameof(ReopenIncident))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ReopenIncident)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<IncidentRequest>(request, cancellationToken);
        var details = await incidents.ReopenAsync(incidentId, body.Incident.ToCommand(request, opening: false), ApiResults.IfMatch(request), cancellationToken);
        return details is null
            ? Problems.NotFound("incident", incidentId, request.HttpContext)
            : ApiResults.Versioned(request, IncidentJson.From(details, page.Id, page.Url), details.Incident.Version);
    }
}
