using StatusComms.Components;

namespace StatusComms.Functions.Components;

/// <summary>DELETE components/{component_id}.</summary>
public sealed class DeleteComponent(ComponentService components)
{
    [Function(nameof(DeleteComponent))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.Component)] HttpRequest request,
        string componentId,
        CancellationToken cancellationToken)
        => await components.DeleteAsync(componentId, cancellationToken)
            ? new NoContentResult()
            : Problems.NotFound("component", componentId, request.HttpContext);
}
