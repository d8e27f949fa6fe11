using StatusComms.Incidents;

namespace StatusComms.Functions.Incidents;

/// <summary>
/// GET incidents?q=&amp;limit=&amp;page=: incidents newest first, with their updates; <c>q</c> searches names, statuses,
/// update bodies and postmortems; <c>limit</c> (Statuspage's name) or <c>per_page</c>, ≤ 100, default 30.
/// </summary>
public sealed class ListIncidents(IncidentService incidents, PageSettings page)
{
    [Function(nameof(ListIncidents))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Incidents)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (number, perPage) = PageQuery.Read(request, defaultPerPage: 30);
        var limit = request.Query.ContainsKey("limit") ? PageQuery.Bounded(request, "limit", perPage, 1, IncidentService.MaxPerPage) : perPage;
        var list = await incidents.SearchAsync(request.Query["q"].FirstOrDefault(), number, limit, cancellationToken);
        return ApiResults.Ok(list.Select(i => IncidentJson.From(i, page.Id, page.Url)).ToArray());
    }
}
