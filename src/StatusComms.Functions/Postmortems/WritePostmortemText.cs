using StatusComms.Postmortems;

namespace StatusComms.Functions.Postmortems;

/// <summary>
/// PUT incidents/{id}/postmortem with <c>{"postmortem": {"body_draft": "…"}}</c>, as Statuspage's clients write a
/// postmortem: the text is read into the document's sections by its headings (docs/postmortems.md), starting the
/// postmortem if there is none (201). Answers Statuspage's postmortem object, with the candor check's findings and
/// how each heading was read. If-Match optional.
/// </summary>
public sealed class WritePostmortemText(PostmortemService postmortems)
{
    [Function(nameof(WritePostmortemText))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Routes.Postmortem)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<StatuspagePostmortemRequest>(request, cancellationToken);
        return await WriteAsync(request, postmortems, incidentId, body, cancellationToken);
    }

    /// <summary>Shared with POST postmortem, which Statuspage clients also send with a body_draft.</summary>
    public static async Task<IActionResult> WriteAsync(HttpRequest request, PostmortemService postmortems, string incidentId, StatuspagePostmortemRequest body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var text = body.Postmortem?.BodyDraft
            ?? throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "body_draft is missing", "Send the postmortem as {\"postmortem\": {\"body_draft\": \"…\"}}: headings such as Summary, Impact, Root cause, Action items and Apology name its sections (docs/postmortems.md).");
        var (details, created, reading) = await postmortems.WriteDraftTextAsync(incidentId, text, Caller.NameOf(request), ApiResults.IfMatch(request), cancellationToken);
        return ApiResults.Versioned(request, StatuspagePostmortemJson.From(details, reading), details.Postmortem.Version, created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }
}
