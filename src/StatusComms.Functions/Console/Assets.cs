namespace StatusComms.Functions.Console;

/// <summary>GET console/assets/{name}: the console's content-addressed stylesheet and script, and the site's stylesheet for previews.</summary>
public sealed class Assets(ConsoleAssets assets)
{
    [Function("ConsoleAsset")]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ConsoleAsset)] HttpRequest request,
        string name)
    {
        if (assets.Find(name) is not { } asset)
        {
            return new NotFoundResult();
        }

        request.HttpContext.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        request.HttpContext.Response.Headers["X-Content-Type-Options"] = "nosniff";
        return new FileContentResult(asset.Content.ToArray(), asset.ContentType);
    }
}
