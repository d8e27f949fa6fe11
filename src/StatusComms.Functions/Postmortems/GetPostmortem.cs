using StatusComms.Postmortems;

namespace StatusComms.Functions.Postmortems;

/// <summary>GET incidents/{id}/postmortem — the document, its computed impact and timeline, revisions, and candor findings.</summary>
public sealed class GetPostmortem(PostmortemService postmortems)
{
    [Function(nameof(GetPostmortem))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Postmortem)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
        => await postmortems.GetAsync(incidentId, cancellationToken) is { } details
            ? ApiResults.Versioned(request, PostmortemJson.Envelope(details), details.Postmortem.Version)
            : Problems.NotFound("postmortem of incident", incidentId, request.HttpContext);
}
