using StatusComms.Incidents;

namespace StatusComms.Functions.Incidents;

/// <summary>POST incidents with <c>{"incident": {...}}</c>: opens an incident with its first update.</summary>
public sealed class CreateIncident(IncidentService incidents, PageSettings page)
{
    [Function(nameof(CreateIncident))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Incidents)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<IncidentRequest>(request, cancellationToken);
        var details = await incidents.CreateAsync(body.Incident.ToNewIncident(request), cancellationToken);
        return ApiResults.Versioned(request, IncidentJson.From(details, page.Id, page.Url), details.Incident.Version, StatusCodes.Status201Created);
    }
}
