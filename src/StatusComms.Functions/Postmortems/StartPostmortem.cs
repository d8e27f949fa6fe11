using StatusComms.Postmortems;

namespace StatusComms.Functions.Postmortems;

/// <summary>
/// POST incidents/{id}/postmortem — starts the postmortem of a resolved incident (201), or returns the one it has
/// (200). With Statuspage's <c>body_draft</c>, writes it from the text instead (<see cref="WritePostmortemText"/>).
/// </summary>
public sealed class StartPostmortem(PostmortemService postmortems)
{
    [Function(nameof(StartPostmortem))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Postmortem)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
    {
        // Statuspage's clients may send the whole postmortem as one text ({"postmortem": {"body_draft": …}}): it is
        // written as PUT writes it, never started with the text dropped.
        if (RequestBody.IsPresent(request))
        {
            var draft = await RequestBody.ReadAsync<StatuspagePostmortemRequest>(request, cancellationToken);
            if (draft.Postmortem?.BodyDraft is not null)
            {
                return await WritePostmortemText.WriteAsync(request, postmortems, incidentId, draft, cancellationToken);
            }
        }

        var (details, created) = await postmortems.StartAsync(incidentId, Caller.NameOf(request), cancellationToken);
        return ApiResults.Versioned(request, PostmortemJson.Envelope(details), details.Postmortem.Version, created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }
}
