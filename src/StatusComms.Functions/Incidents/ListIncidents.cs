using StatusComms.Incidents;

namespace StatusComms.Functions.Incidents;

/// <summary>GET incidents?page=&amp;per_page=: incidents newest first, with their updates.</summary>
public sealed class ListIncidents(IncidentService incidents, PageSettings page)
{
    [Function(nameof(ListIncidents))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Incidents)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (number, perPage) = PageQuery.Read(request, defaultPerPage: 30);
        var list = await incidents.ListAsync(number, perPage, cancellationToken);
        return ApiResults.Ok(list.Select(i => IncidentJson.From(i, page.Id, page.Url)).ToArray());
    }
}
