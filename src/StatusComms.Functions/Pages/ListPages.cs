namespace StatusComms.Functions.Pages;

/// <summary>GET /api/v1/pages: the one page this deployment serves.</summary>
public sealed class ListPages(PageSettings page, TimeProvider time)
{
    [Function(nameof(ListPages))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Pages)] HttpRequest request)
        => ApiResults.Ok(new[] { PageJson.From(page, time.GetUtcNow()) });
}
