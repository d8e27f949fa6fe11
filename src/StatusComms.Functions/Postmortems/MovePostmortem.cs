using StatusComms.Postmortems;

namespace StatusComms.Functions.Postmortems;

/// <summary>POST incidents/{id}/postmortem/status with <c>{"status": "in_review" | "final" | "draft"}</c>.</summary>
public sealed class MovePostmortem(PostmortemService postmortems)
{
    [Function(nameof(MovePostmortem))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.PostmortemStatus)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<PostmortemStatusRequest>(request, cancellationToken);
        var details = await postmortems.MoveAsync(incidentId, body.Status, Caller.NameOf(request), ApiResults.IfMatch(request), cancellationToken);
        return ApiResults.Versioned(request, PostmortemJson.Envelope(details), details.Postmortem.Version);
    }
}
