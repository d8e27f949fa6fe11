using StatusComms.Postmortems;

namespace StatusComms.Functions.Postmortems;

/// <summary>POST incidents/{id}/postmortem — starts the postmortem of a resolved incident (201), or returns the one it has (200).</summary>
public sealed class StartPostmortem(PostmortemService postmortems)
{
    [Function(nameof(StartPostmortem))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Postmortem)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
    {
        // Statuspage's clients send the whole postmortem as one text ({"postmortem": {"body_draft": …}}). Here it is a
        // structured document; taking the call and dropping the text would lose the author's words, so say so instead.
        if (request.ContentLength > 0 || request.ContentType is not null)
        {
            var draft = await RequestBody.ReadAsync<StatuspagePostmortemRequest>(request, cancellationToken);
            if (draft.Postmortem?.BodyDraft is not null)
            {
                throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "body_draft is not taken", "A postmortem here is a document in sections (summary, impact, root cause, action items, apology), reviewed and checked before it is published: start it with an empty POST, then write the sections with PATCH (docs/postmortems.md). Nothing was stored.");
            }
        }

        var (details, created) = await postmortems.StartAsync(incidentId, Caller.NameOf(request), cancellationToken);
        return ApiResults.Versioned(request, PostmortemJson.Envelope(details), details.Postmortem.Version, created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }
}
