using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using StatusComms.Components;
using StatusComms.Functions.Http;

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
