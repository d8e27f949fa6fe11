using StatusComms.Postmortems;

namespace StatusComms.Functions.Postmortems;

/// <summary>POST incidents/{id}/postmortem/action-items with <c>{"action_item": {"description", "owner", "due_date", "kind", "link", "public"}}</c>.</summary>
public sealed class AddPostmortemActionItem(PostmortemService postmortems)
{
    [Function(nameof(AddPostmortemActionItem))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.PostmortemActionItems)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
    {
        var item = (await RequestBody.ReadAsync<PostmortemActionItemRequest>(request, cancellationToken)).ActionItem;
        if (string.IsNullOrWhiteSpace(item.Description))
        {
            throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Action item incomplete", "An action item needs a description of what will be done.");
        }

        var details = await postmortems.AddActionItemAsync(incidentId, item.Description, item.Owner, item.DueDate, item.Kind ?? ActionItemKind.LongTermPrevention, item.Link, item.Public ?? true, Caller.NameOf(request), cancellationToken);
        return ApiResults.Versioned(request, PostmortemJson.Envelope(details), details.Postmortem.Version, StatusCodes.Status201Created);
    }
}
