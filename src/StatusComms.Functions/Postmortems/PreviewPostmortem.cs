using StatusComms.Postmortems;

namespace StatusComms.Functions.Postmortems;

/// <summary>GET incidents/{id}/postmortem/preview — the customer summary page exactly as it will be published (HTML).</summary>
public sealed class PreviewPostmortem(PostmortemService postmortems)
{
    [Function(nameof(PreviewPostmortem))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.PostmortemPreview)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
        => new ContentResult { Content = await postmortems.PreviewAsync(incidentId, cancellationToken), ContentType = "text/html; charset=utf-8", StatusCode = StatusCodes.Status200OK };
}
