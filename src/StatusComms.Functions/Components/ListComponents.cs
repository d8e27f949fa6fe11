using StatusComms.Components;

namespace StatusComms.Functions.Components;

/// <summary>GET components: every component and group, with the status the page shows now.</summary>
public sealed class ListComponents(ComponentService components, PageSettings page)
{
    [Function(nameof(ListComponents))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Components)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var listing = await components.ListAsync(cancellationToken);
        return ApiResults.Ok(listing.Components.Select(c => ComponentJson.From(c, page.Id, listing.Rollup.DisplayedStatus(c.Id), listing.Components)).ToArray());
    }
}
