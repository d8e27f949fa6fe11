namespace StatusComms.Functions.Pages;

/// <summary>GET /api/v1/pages/{page_id}. Other page ids never get here: the gate answers 404.</summary>
public sealed class GetPage(PageSettings page, TimeProvider time)
{
    [Function(nameof(GetPage))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Page)] HttpRequest request)
        => ApiResults.Ok(PageJson.From(page, time.GetUtcNow()));
}
