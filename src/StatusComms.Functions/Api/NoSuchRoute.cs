using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using StatusComms.Functions.Hosting;

namespace StatusComms.Functions.Api;

/// <summary>
/// Every request under api/v1 that no management function's route takes (routing prefers every other route to
/// this catch-all, in both hosts):
/// <list type="bullet">
/// <item>Statuspage's <c>.json</c> URLs (its reference writes <c>…/incidents.json</c>, and clients copy them) go to
/// the function whose route matches the path without the suffix: route templates cannot say "optionally .json"
/// after a literal segment, so the suffix is resolved here, once, for every route. The gate has already admitted
/// the request; the function runs as if called directly.</item>
/// <item>A path some route takes, with a method it does not: 405 with those methods in Allow.</item>
/// <item>Anything else: 404. Both as problem+json; without this the Functions host answers an empty 404 and the
/// local runner the status site's HTML page, neither of which a client can read.</item>
/// </list>
/// </summary>
public sealed class NoSuchRoute(IServiceProvider services)
{
    public const string JsonSuffix = ".json";

    /// <summary>The management routes, most specific first (as routing orders them: a literal before a parameter).</summary>
    private static readonly Lazy<IReadOnlyList<(FunctionEntry Entry, TemplateMatcher Matcher)>> Management = new(() =>
        FunctionCatalog.All
            .Where(f => f.Trigger == FunctionTrigger.Http && f.Target != Routes.ManagementFallback && f.Target!.StartsWith(Routes.ManagementRoot + "/", StringComparison.Ordinal))
            .Select(f => (Entry: f, Template: TemplateParser.Parse(f.Target!)))
            .OrderBy(r => RoutePrecedence.ComputeInbound(r.Template))
            .Select(r => (r.Entry, new TemplateMatcher(r.Template, [])))
            .ToArray());

    [Function(nameof(NoSuchRoute))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", "put", "patch", "delete", "options", Route = Routes.ManagementFallback)] HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        if (path.EndsWith(JsonSuffix, StringComparison.OrdinalIgnoreCase))
        {
            var bare = new PathString(path[..^JsonSuffix.Length]);
            foreach (var (entry, matcher) in Management.Value)
            {
                var values = new RouteValueDictionary();
                if (entry.HttpMethods.Contains(request.Method, StringComparer.OrdinalIgnoreCase) && matcher.TryMatch(bare, values))
                {
                    request.RouteValues = values;
                    return await entry.InvokeHttpAsync(services, request);
                }
            }

            path = bare.Value!;
        }

        var allow = Allowed(new PathString(path));
        if (allow is null)
        {
            return Problems.Create(StatusCodes.Status404NotFound, "Not found", $"No resource of the management API is at {request.Path}. docs/api.md lists the routes.", request.HttpContext);
        }

        request.HttpContext.Response.Headers.Allow = allow;
        return Problems.Create(StatusCodes.Status405MethodNotAllowed, "Method not allowed", $"{request.Method} is not offered at {request.Path}; it takes {allow}.", request.HttpContext);
    }

    /// <summary>The methods the routes matching this path take ("GET, PATCH"), or null when none matches.</summary>
    public static string? Allowed(PathString path)
    {
        var methods = Management.Value
            .Where(r => r.Matcher.TryMatch(path, new RouteValueDictionary()))
            .SelectMany(r => r.Entry.HttpMethods)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        return methods.Length == 0 ? null : string.Join(", ", methods);
    }
}
