using StatusComms.Components;

namespace StatusComms.Functions.Components;

/// <summary>GET component-groups: the groups, each listing its components' ids.</summary>
public sealed class ListComponentGroups(ComponentService components, PageSettings page)
{
    [Function(nameof(ListComponentGroups))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ComponentGroups)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var listing = await components.ListAsync(cancellationToken);
        return ApiResults.Ok(listing.Components.Where(c => c.IsGroup).Select(c => ComponentJson.From(c, page.Id, listing.Rollup.DisplayedStatus(c.Id), listing.Components)).ToArray());
    }
}
