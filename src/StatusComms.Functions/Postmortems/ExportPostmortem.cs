using StatusComms.Postmortems;

namespace StatusComms.Functions.Postmortems;

/// <summary>GET incidents/{id}/postmortem/markdown — the whole internal document as Markdown, for the team's wiki.</summary>
public sealed class ExportPostmortem(PostmortemService postmortems)
{
    [Function(nameof(ExportPostmortem))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.PostmortemMarkdown)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
        => new ContentResult { Content = await postmortems.MarkdownAsync(incidentId, cancellationToken), ContentType = "text/markdown; charset=utf-8", StatusCode = StatusCodes.Status200OK };
}
