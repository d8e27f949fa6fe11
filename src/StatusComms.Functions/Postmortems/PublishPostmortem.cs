using StatusComms.Postmortems;

namespace StatusComms.Functions.Postmortems;

/// <summary>
/// POST incidents/{id}/postmortem/publish — publishes a final postmortem that passes the candor check; a draft or a
/// failing one is a 422 listing the reasons.
/// </summary>
public sealed class PublishPostmortem(PostmortemService postmortems)
{
    [Function(nameof(PublishPostmortem))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.PostmortemPublish)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
    {
        var details = await postmortems.PublishAsync(incidentId, Caller.NameOf(request), cancellationToken);
        return ApiResults.Versioned(request, PostmortemJson.Envelope(details), details.Postmortem.Version);
    }
}
