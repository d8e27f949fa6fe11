using StatusComms.Components;

namespace StatusComms.Functions.Components;

/// <summary>
/// PATCH or PUT component-groups/{group_id} with <c>{"component_group": {"name", "description", "components": [ids]}}</c>:
/// <c>components</c>, when sent, is exactly the group's members (the others leave it, ungrouped).
/// </summary>
public sealed class UpdateComponentGroup(ComponentService components, PageSettings page)
{
    [Function(nameof(UpdateComponentGroup))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", "put", Route = Routes.ComponentGroup)] HttpRequest request,
        string groupId,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<ComponentGroupRequest>(request, cancellationToken);
        return await components.UpdateGroupAsync(groupId, body.Fields.ToChanges(), ApiResults.IfMatch(request), cancellationToken) is (var group, var members)
            ? ApiResults.Versioned(request, ComponentJson.From(group, page.Id, ComponentStatus.Operational, members), group.Version)
            : Problems.NotFound("component group", groupId, request.HttpContext);
    }
}
