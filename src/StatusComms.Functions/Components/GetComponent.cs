using StatusComms.Components;

namespace StatusComms.Functions.Components;

/// <summary>GET components/{component_id}.</summary>
public sealed class GetComponent(ComponentService components, PageSettings page)
{
    [Function(nameof(GetComponent))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Component)] HttpRequest request,
        string componentId,
        CancellationToken cancellationToken)
    {
        var listing = await components.ListAsync(cancellationToken);
        return listing.Find(componentId) is { } component
            ? ApiResults.Versioned(request, ComponentJson.From(component, page.Id, listing.Rollup.DisplayedStatus(component.Id), listing.Components), component.Version)
            : Problems.NotFound("component", componentId, request.HttpContext);
    }
}
