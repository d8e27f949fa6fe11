using StatusComms.Components;

namespace StatusComms.Functions.Components;

/// <summary>
/// GET component-groups/{group_id}: a group as a resource of its own, as in Statuspage (a Terraform provider reads
/// a 404 here as "deleted" and drops the group from its state).
/// </summary>
public sealed class GetComponentGroup(ComponentService components, PageSettings page)
{
    [Function(nameof(GetComponentGroup))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ComponentGroup)] HttpRequest request,
        string groupId,
        CancellationToken cancellationToken)
        => await components.GetGroupAsync(groupId, cancellationToken) is (var group, var members)
            ? ApiResults.Versioned(request, ComponentJson.From(group, page.Id, ComponentStatus.Operational, members), group.Version)
            : Problems.NotFound("component group", groupId, request.HttpContext);
}
