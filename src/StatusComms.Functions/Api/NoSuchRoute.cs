using System.Text.RegularExpressions;
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
    private static readonly Lazy<IReadOnlyList<Route>> Management = new(() =>
        FunctionCatalog.All
            .Where(f => f.Trigger == FunctionTrigger.Http && f.Target != Routes.ManagementFallback && f.Target!.StartsWith(Routes.ManagementRoot + "/", StringComparison.Ordinal))
            .Select(f => new Route(f, TemplateParser.Parse(f.Target!)))
            .OrderBy(r => RoutePrecedence.ComputeInbound(r.Template))
            .ToArray());

    [Function(nameof(NoSuchRoute))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", "put", "patch", "delete", "options", Route = Routes.ManagementFallback)] HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        if (path.EndsWith(JsonSuffix, StringComparison.OrdinalIgnoreCase))
        {
            var bare = new PathString(path[..^JsonSuffix.Length]);
            foreach (var route in Management.Value)
            {
                if (route.Entry.HttpMethods.Contains(request.Method, StringComparer.OrdinalIgnoreCase) && route.TryMatch(bare, out var values))
                {
                    request.RouteValues = values;
                    return await route.Entry.InvokeHttpAsync(services, request);
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
            .Where(r => r.TryMatch(path, out _))
            .SelectMany(r => r.Entry.HttpMethods)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        return methods.Length == 0 ? null : string.Join(", ", methods);
    }

    /// <summary>A management route as routing reads it: its template, and the regex constraints on its parameters.</summary>
    private sealed class Route(FunctionEntry entry, RouteTemplate template)
    {
        private readonly TemplateMatcher _matcher = new(template, []);

        public FunctionEntry Entry { get; } = entry;

        public RouteTemplate Template { get; } = template;

        public bool TryMatch(PathString path, out RouteValueDictionary values)
        {
            values = [];
            if (!_matcher.TryMatch(path, values))
            {
                return false;
            }

            foreach (var parameter in Template.Parameters)
            {
                foreach (var constraint in parameter.InlineConstraints)
                {
                    var text = constraint.Constraint;
                    if (text.StartsWith("regex(", StringComparison.Ordinal)
                        && !Regex.IsMatch(values[parameter.Name!]?.ToString() ?? string.Empty, text["regex(".Length..^1], RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)))
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }
}
