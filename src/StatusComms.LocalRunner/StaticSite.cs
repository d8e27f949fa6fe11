using StatusComms.Publishing;

namespace StatusComms.LocalRunner;

/// <summary>
/// Serves the published site (the $web container) at the root, as Azure's static website hosting does, so a
/// person can look at the page the publisher wrote.
/// </summary>
public static class StaticSite
{
    /// <summary>What a CDN compresses: every text type the site publishes.</summary>
    public static readonly string[] CompressedTypes =
        ["text/html", "text/css", "text/javascript", "text/plain", "application/json", "application/atom+xml", "application/rss+xml", "image/svg+xml"];

    public static async Task ServeAsync(HttpContext context, ISiteArtifactStore site)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET, HEAD";
            return;
        }

        var path = Uri.UnescapeDataString(context.Request.Path.Value ?? "/").TrimStart('/');
        if (path.Length == 0 || path.EndsWith('/'))
        {
            path += "index.html";
        }

        var file = path.Contains("..", StringComparison.Ordinal) ? null : await site.ReadAsync(path, context.RequestAborted);
        if (file is null)
        {
            // As Azure's static website does with its error document: the published 404 page, with status 404.
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            file = path == "index.html" ? null : await site.ReadAsync(SitePublisher.NotFoundPath, context.RequestAborted);
            if (file is null)
            {
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(path == "index.html"
                    ? "Nothing is published yet: create a component or an incident through the API (or start with --demo)."
                    : "Not found.");
                return;
            }
        }

        context.Response.ContentType = file.ContentType;
        context.Response.ContentLength = file.Content.Length;
        if (file.CacheControl is not null)
        {
            context.Response.Headers.CacheControl = file.CacheControl;
        }

        // Widgets on other origins read the JSON API; production adds this header at the CDN (docs/api.md).
        context.Response.Headers.AccessControlAllowOrigin = "*";
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(file.Content, context.RequestAborted);
        }
    }
}
