using StatusComms.Incidents;

namespace StatusComms.Functions.Incidents;

/// <summary>
/// DELETE incidents/{incident_id}: the incident leaves the page, the feeds and the API and answers as it was, as
/// Statuspage does; the stored record keeps it, with who deleted it and when. If-Match optional.
/// </summary>
public sealed class DeleteIncident(IncidentService incidents, PageSettings page)
{
    [Function(nameof(DeleteIncident))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.Incident)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
        => await incidents.DeleteAsync(incidentId, Caller.NameOf(request), ApiResults.IfMatch(request), cancellationToken) is { } deleted
            ? ApiResults.Ok(IncidentJson.From(deleted, page.Id, page.Url))
            : Problems.NotFound("incident", incidentId, request.HttpContext);
}
