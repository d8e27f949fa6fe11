using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using StatusComms.Functions.Contracts;
using StatusComms.Functions.Http;
using StatusComms.StatusPage;

namespace StatusComms.Functions.Pages;

/// <summary>GET /api/v1/pages: the one page this deployment serves.</summary>
public sealed class ListPages(PageSettings page, TimeProvider time)
{
    [Function(nameof(ListPages))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Pages)] HttpRequest request)
        => ApiResults.Ok(new[] { PageJson.From(page, time.GetUtcNow()) });
}
