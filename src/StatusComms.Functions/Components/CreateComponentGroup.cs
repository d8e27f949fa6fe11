using StatusComms.Components;

namespace StatusComms.Functions.Components;

/// <summary>POST component-groups with <c>{"component_group": {"name", "components": [ids]}}</c>.</summary>
public sealed class CreateComponentGroup(ComponentService components, PageSettings page)
{
    [Function(nameof(CreateComponentGroup))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ComponentGroups)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<ComponentGroupRequest>(request, cancellationToken);
        var (group, members) = await components.CreateGroupAsync(body.Fields.ToNewGroup(), cancellationToken);
        return ApiResults.Created(ComponentJson.From(group, page.Id, ComponentStatus.Operational, members));
    }
}
