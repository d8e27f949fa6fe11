using StatusComms.Postmortems;

namespace StatusComms.Functions.Postmortems;

/// <summary>PATCH incidents/{id}/postmortem with <c>{"postmortem": {sections}}</c>; If-Match guards against overwriting a colleague.</summary>
public sealed class UpdatePostmortem(PostmortemService postmortems)
{
    [Function(nameof(UpdatePostmortem))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = Routes.Postmortem)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<PostmortemRequest>(request, 256 * 1024, cancellationToken);
        var details = await postmortems.EditAsync(incidentId, body.Postmortem, Caller.NameOf(request), ApiResults.IfMatch(request), cancellationToken);
        return ApiResults.Versioned(request, PostmortemJson.Envelope(details), details.Postmortem.Version);
    }
}
