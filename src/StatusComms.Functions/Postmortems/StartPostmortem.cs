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
        var (details, created) = await postmortems.StartAsync(incidentId, Caller.NameOf(request), cancellationToken);
        return ApiResults.Versioned(request, PostmortemJson.Envelope(details), details.Postmortem.Version, created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }
}
