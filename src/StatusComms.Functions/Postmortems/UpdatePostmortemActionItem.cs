using StatusComms.Postmortems;

namespace StatusComms.Functions.Postmortems;

/// <summary>PATCH incidents/{id}/postmortem/action-items/{itemId} with <c>{"action_item": {"status": "done"}}</c>.</summary>
public sealed class UpdatePostmortemActionItem(PostmortemService postmortems)
{
    [Function(nameof(UpdatePostmortemActionItem))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = Routes.PostmortemActionItem)] HttpRequest request,
        string incidentId,
        string itemId,
        CancellationToken cancellationToken)
    {
        var item = (await JsonBody.ReadAsync<PostmortemActionItemRequest>(request, cancellationToken)).ActionItem;
        if (item.Status is not { } status)
        {
            throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Status missing", "Send the action item's new status: open, in_progress or done.");
        }

        var details = await postmortems.SetActionItemStatusAsync(incidentId, itemId, status, Caller.NameOf(request), cancellationToken);
        return ApiResults.Versioned(request, PostmortemJson.Envelope(details), details.Postmortem.Version);
    }
}
