using StatusComms.Incidents;

namespace StatusComms.Functions.Incidents;

/// <summary>GET incidents/{incident_id}, with its ETag for the next update's If-Match.</summary>
public sealed class GetIncident(IncidentService incidents, PageSettings page)
{
    [Function(nameof(GetIncident))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Incident)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
        => await incidents.GetAsync(incidentId, cancellationToken) is { } details
            ? ApiResults.Versioned(request, IncidentJson.From(details, page.Id, page.Url), details.Incident.Version)
            : Problems.NotFound("incident", incidentId, request.HttpContext);
}
