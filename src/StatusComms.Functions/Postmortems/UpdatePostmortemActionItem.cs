using StatusComms.Postmortems;

namespace StatusComms.Functions.Postmortems;

/// <summary>PATCH incidents/{id}/postmortem/action-items/{itemId} with <c>{"action_item": {"status": "done"}}</c>, or any of the fields an action item is added with.</summary>
public sealed class UpdatePostmortemActionItem(PostmortemService postmortems)
{
    [Function(nameof(UpdatePostmortemActionItem))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = Routes.PostmortemActionItem)] HttpRequest request,
        string incidentId,
        string itemId,
        CancellationToken cancellationToken)
    {
        var item = (await RequestBody.ReadAsync<PostmortemActionItemRequest>(request, cancellationToken)).ActionItem;
        if (item is { Status: null, Description: null, Owner: null, DueDate: null, Kind: null, Link: null, Public: null })
        {
            throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Nothing to change", "Send what changes: description, owner, due_date, kind, link, public or status (open, in_progress or done).");
        }

        if (item.Description is { } description && description.Trim().Length == 0)
        {
            throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Action item incomplete", "An action item needs a description of what will be done.");
        }

        var change = new ActionItemChange { Description = item.Description, Owner = item.Owner, DueDate = item.DueDate, Kind = item.Kind, Link = item.Link, Public = item.Public, Status = item.Status };
        var details = await postmortems.ChangeActionItemAsync(incidentId, itemId, change, Caller.NameOf(request), ApiResults.IfMatch(request), cancellationToken);
        return ApiResults.Versioned(request, PostmortemJson.Envelope(details), details.Postmortem.Version);
    }
}
