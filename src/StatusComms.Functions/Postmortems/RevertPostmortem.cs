using StatusComms.Postmortems;

namespace StatusComms.Functions.Postmortems;

/// <summary>
/// PUT (or POST) incidents/{id}/postmortem/revert, as Statuspage's revert: the postmortem goes back to draft to be
/// changed. What customers already read stays on the page until it is published again.
/// </summary>
public sealed class RevertPostmortem(PostmortemService postmortems)
{
    [Function(nameof(RevertPostmortem))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", "post", Route = Routes.PostmortemRevert)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
    {
        var details = await postmortems.RevertAsync(incidentId, Caller.NameOf(request), cancellationToken);
        return ApiResults.Versioned(request, StatuspagePostmortemJson.From(details), details.Postmortem.Version);
    }
}
