using StatusComms.Components;

namespace StatusComms.Functions.Components;

/// <summary>PATCH (or PUT) components/{component_id} with <c>{"component": {...}}</c>; If-Match guards against lost updates.</summary>
public sealed class UpdateComponent(ComponentService components, PageSettings page)
{
    [Function(nameof(UpdateComponent))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", "put", Route = Routes.Component)] HttpRequest request,
        string componentId,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<ComponentRequest>(request, cancellationToken);
        var component = await components.UpdateAsync(componentId, body.Component.ToChanges(), ApiResults.IfMatch(request), cancellationToken);
        return component is null
            ? Problems.NotFound("component", componentId, request.HttpContext)
            : ApiResults.Versioned(request, ComponentJson.From(component, page.Id, component.Status, [component]), component.Version);
    }
}
