using StatusComms.Components;

namespace StatusComms.Functions.Components;

/// <summary>DELETE component-groups/{group_id}: the group goes; its components stay on the page, ungrouped (as in Statuspage).</summary>
public sealed class DeleteComponentGroup(ComponentService components)
{
    [Function(nameof(DeleteComponentGroup))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.ComponentGroup)] HttpRequest request,
        string groupId,
        CancellationToken cancellationToken)
        => await components.DeleteGroupAsync(groupId, cancellationToken)
            ? new NoContentResult()
            : Problems.NotFound("component group", groupId, request.HttpContext);
}
