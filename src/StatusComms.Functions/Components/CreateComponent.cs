using StatusComms.Components;

namespace StatusComms.Functions.Components;

/// <summary>POST components with <c>{"component": {...}}</c>.</summary>
public sealed class CreateComponent(ComponentService components, PageSettings page)
{
    [Function(nameof(CreateComponent))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Components)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<ComponentRequest>(request, cancellationToken);
        var component = await components.CreateAsync(body.Component.ToNewComponent(), cancellationToken);
        return ApiResults.Versioned(request, ComponentJson.From(component, page.Id, component.Status, [component]), component.Version, StatusCodes.Status201Created);
    }
}
