using StatusComms.Incidents;

namespace StatusComms.Functions.Incidents;

/// <summary>GET incidents/unresolved: incidents still investigating, identified or monitoring.</summary>
public sealed class ListUnresolvedIncidents(IncidentService incidents, PageSettings page)
{
    [Function(nameof(ListUnresolvedIncidents))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.UnresolvedIncidents)] HttpRequest request,
        CancellationToken cancellationToken)
        => ApiResults.Ok((await incidents.ListUnresolvedAsync(cancellationToken)).Select(i => IncidentJson.From(i, page.Id, page.Url)).ToArray());
}
