using StatusComms.Postmortems;

namespace StatusComms.Functions.Postmortems;

/// <summary>
/// GET incidents/{id}/postmortem — Statuspage's postmortem object (<c>body</c>, <c>body_draft</c>, <c>published_at</c>, …)
/// and, under <c>postmortem</c>, the document, its computed impact and timeline, revisions, and candor findings.
/// </summary>
public sealed class GetPostmortem(PostmortemService postmortems)
{
    [Function(nameof(GetPostmortem))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Postmortem)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
        => await postmortems.GetAsync(incidentId, cancellationToken) is { } details
            ? ApiResults.Versioned(request, StatuspagePostmortemJson.From(details, withDocument: true), details.Postmortem.Version)
            : Problems.NotFound("postmortem of incident", incidentId, request.HttpContext);
}
