using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusComms.Candor;
using StatusComms.Common;
using StatusComms.Functions.Contracts;
using StatusComms.Functions.Hosting;

namespace StatusComms.Functions.Http;

/// <summary>
/// The checks every HTTP function shares, in one place for both hosts (the Functions middleware and the local
/// runner call it): who may call the management API, which page it addresses, and how errors become
/// problem+json. Function classes never repeat these checks.
/// </summary>
public sealed partial class ApiGate(IOptions<StatusCommsOptions> options, Console.ConsoleGate console, DrillPages drills, ILogger<ApiGate> logger)
{
    private const string DrillPageIdPrefix = "drill-";

    private readonly StatusCommsOptions _options = options.Value;
    private readonly byte[] _apiKey = Encoding.UTF8.GetBytes(options.Value.ApiKey);

    /// <summary>
    /// Decides by the invoked function's route template (<see cref="FunctionEntry.Target"/>) who may call it: the
    /// management API needs a key or an admin principal, the console a session, the rest nobody. The request's path
    /// plays no part, so a route prefix in host.json cannot open the management API.
    /// </summary>
    /// <param name="route">The invoked function's route template.</param>
    /// <param name="routeValues">Its route values (the local runner's; in the Functions host, the invocation's binding data).</param>
    /// <returns>A response refusing the request, or null to let the function run.</returns>
    public async Task<IActionResult?> AdmitAsync(HttpContext context, string? route, IReadOnlyDictionary<string, object?> routeValues)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(routeValues);
        if (Routes.IsConsole(route))
        {
            return await console.AdmitAsync(context, AdminPrincipalName(context.Request), route!);
        }

        if (!Routes.IsManagement(route))
        {
            return null;
        }

        var refusal = Authenticate(context);
        if (refusal is not null)
        {
            return refusal;
        }

        // This deployment serves one page (and its running drills' sandbox pages); every id must be one of ours.
        var (pageId, ids) = route == Routes.ManagementFallback ? FromRest(Value(routeValues, "rest")) : FromTemplate(route!, routeValues);
        if (pageId is not null && pageId != _options.PageId)
        {
            // A running drill's sandbox page is addressed by its own page id, and served with its own services.
            if (!pageId.StartsWith(DrillPageIdPrefix, StringComparison.Ordinal) || await drills.RunningAsync(pageId[DrillPageIdPrefix.Length..], context.RequestAborted) is not { } drill)
            {
                return Problems.NotFound("page", pageId, context);
            }

            DrillRouting.Set(context, drill);
        }

        var malformed = ids.FirstOrDefault(s => !Ids.IsWellFormed(s));
        return malformed is null ? null : Problems.Create(StatusCodes.Status404NotFound, "Not found", $"'{malformed}' is not an id of this API.", context);
    }

    /// <summary>The page id and the other ids a route's values carry (not its .json <c>format</c>).</summary>
    private static (string? PageId, IEnumerable<string> Ids) FromTemplate(string route, IReadOnlyDictionary<string, object?> values)
    {
        var names = Routes.Parameters(route);
        return (names.Contains("pageId") ? Value(values, "pageId") : null,
            names.Where(n => n is not "pageId" and not "format").Select(n => Value(values, n)).OfType<string>());
    }

    /// <summary>
    /// The fallback's path (<see cref="Api.NoSuchRoute"/>): pages/{page_id}/…, with Statuspage's .json suffix on the
    /// last segment and no other; NoSuchRoute dispatches it to the function it names, so its ids are checked here.
    /// </summary>
    private static (string? PageId, IEnumerable<string> Ids) FromRest(string? rest)
    {
        var segments = (rest ?? string.Empty).TrimEnd('/').Split('/');
        if (segments[^1].EndsWith(Api.NoSuchRoute.JsonSuffix, StringComparison.OrdinalIgnoreCase))
        {
            segments[^1] = segments[^1][..^Api.NoSuchRoute.JsonSuffix.Length];
        }

        return segments.Length > 1 && segments[0] == "pages" ? (segments[1], segments.Skip(2)) : (null, []);
    }

    private static string? Value(IReadOnlyDictionary<string, object?> values, string name)
        => values.TryGetValue(name, out var value) ? value?.ToString() : values.FirstOrDefault(kv => string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.ToString();

    /// <summary>The exception a function threw, as both hosts see it: an invocation or a one-task aggregate unwrapped.</summary>
    public static Exception Unwrap(Exception exception)
    {
        while (exception is System.Reflection.TargetInvocationException { InnerException: { } inner } || exception is AggregateException { InnerExceptions.Count: 1 })
        {
            exception = exception is AggregateException aggregate ? aggregate.InnerExceptions[0] : exception.InnerException!;
        }

        return exception;
    }

    /// <summary>Turns an exception thrown by a function into the response the caller should get.</summary>
    public IActionResult ToProblem(Exception exception, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(exception);
        switch (Unwrap(exception))
        {
            case StatusComms.Postmortems.IncidentNotFoundException missing:
                return Problems.NotFound("incident", missing.IncidentId, context);
            case StatusComms.Incidents.UpdateNotFoundException missing:
                return Problems.Create(StatusCodes.Status404NotFound, "Not found", missing.Message, context);
            case ApiProblemException problem:
                return Problems.Create(problem.Status, problem.Title, problem.Message, context);
            case CandorRejectedException rejected:
                var unready = Problems.Create(StatusCodes.Status422UnprocessableEntity, "The message is not ready for customers", rejected.Message, context);
                ((ProblemDetails)unready.Value!).Extensions["findings"] = rejected.Findings.Select(FindingJson.From).ToArray();
                return unready;
            case DomainRuleException rule:
                return Problems.Create(StatusCodes.Status422UnprocessableEntity, "The change breaks a rule", rule.Message, context);
            case ConcurrencyConflictException conflict:
                return Problems.Create(StatusCodes.Status409Conflict, "Changed by someone else", conflict.Message, context);
            case BadHttpRequestException bad:
                return Problems.Create(bad.StatusCode, "Bad request", bad.Message, context);
            case OperationCanceledException when context.RequestAborted.IsCancellationRequested:
                return new StatusCodeResult(499);
            case var unavailable when StorageUnavailable(unavailable):
                // Nothing was written (each change is one transaction); the caller can send the same request again.
                LogStorageUnavailable(logger, context.Request.Method, context.Request.Path.Value, context.TraceIdentifier, unavailable.GetType().Name, unavailable.Message);
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Problems.Create(StatusCodes.Status503ServiceUnavailable, "Storage is unavailable", $"Nothing was changed. Try again in {RetryAfterSeconds} seconds; the status page itself is still served.", context);
            default:
                LogUnexpected(logger, exception, context.Request.Method, context.Request.Path.Value, context.TraceIdentifier);
                return Problems.Create(StatusCodes.Status500InternalServerError, "Something went wrong on our side", $"The request was not completed. Quote trace id {context.TraceIdentifier} when you report it.", context);
        }
    }

    /// <summary>Checks the caller's API key or admin principal; a refusal, or null when admitted.</summary>
    public JsonResult? Authenticate(HttpContext context)
    {
        // Statuspage takes the key in the query string too; a key in a URL ends up in logs, proxies and browser
        // history, so here it is refused, and the caller told to move it and rotate it.
        if (context.Request.Query.ContainsKey("api_key"))
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "API key in the URL", "Send the key as 'Authorization: OAuth <key>', never in the query string: URLs are logged. Consider this key exposed and rotate it.", context);
        }

        var presented = PresentedKey(context.Request);
        if (presented is not null)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _apiKey))
            {
                Caller.Set(context, "api");
                return null;
            }

            return Unauthorized(context, "The API key is not valid.");
        }

        if (TrustClientPrincipal && ClientPrincipal.TryRead(context.Request, out var principal))
        {
            if (principal.HasRole(_options.AdminRole))
            {
                Caller.Set(context, principal.Name ?? "admin");
                return null;
            }

            return Problems.Create(StatusCodes.Status403Forbidden, "Forbidden", $"You are signed in, but without the '{_options.AdminRole}' role that the management API requires.", context);
        }

        return Unauthorized(context, "Send your API key as 'Authorization: OAuth <key>'.");
    }

    /// <summary>The name of a trusted App Service Authentication principal with the admin role, else null.</summary>
    public string? AdminPrincipalName(HttpRequest request)
        => TrustClientPrincipal && ClientPrincipal.TryRead(request, out var principal) && principal.HasRole(_options.AdminRole) ? principal.Name ?? "admin" : null;

    private bool TrustClientPrincipal
        => _options.TrustClientPrincipal ?? string.Equals(Environment.GetEnvironmentVariable("WEBSITE_AUTH_ENABLED"), "True", StringComparison.OrdinalIgnoreCase);

    private static string? PresentedKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        foreach (var scheme in (string[])["OAuth ", "Bearer "])
        {
            if (header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return header[scheme.Length..].Trim();
            }
        }

        return null;
    }

    private static JsonResult Unauthorized(HttpContext context, string detail)
    {
        context.Response.Headers.WWWAuthenticate = "OAuth realm=\"StatusComms\"";
        return Problems.Create(StatusCodes.Status401Unauthorized, "Unauthorized", detail, context);
    }

    /// <summary>How long a caller waits before trying again when storage is unreachable.</summary>
    public const int RetryAfterSeconds = 10;

    /// <summary>
    /// Storage could not be reached or failed on its side (refused connection, timeout, 5xx): the request is sound
    /// and can be sent again. A storage 4xx is not this: it is a request we built wrong, and stays a 500.
    /// </summary>
    public static bool StorageUnavailable(Exception exception) => exception switch
    {
        Azure.RequestFailedException failed => failed.Status is 0 or >= 500,
        HttpRequestException or System.Net.Sockets.SocketException or TimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(StorageUnavailable),
        _ => exception.InnerException is { } inner && StorageUnavailable(inner),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable during {Method} {Path} (trace {TraceId}): {Kind}: {Reason}")]
    private static partial void LogStorageUnavailable(ILogger logger, string method, string? path, string traceId, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure of {Method} {Path} (trace {TraceId})")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string? path, string traceId);

    /// <summary>The identity App Service Authentication passes in X-MS-CLIENT-PRINCIPAL (base64 JSON).</summary>
    private sealed record ClientPrincipal(string? Name, IReadOnlyList<(string Type, string Value)> Claims, string RoleType)
    {
        public bool HasRole(string role)
            => Claims.Any(c => (c.Type == RoleType || c.Type == "roles" || c.Type.EndsWith("/claims/role", StringComparison.Ordinal)) && c.Value == role);

        public static bool TryRead(HttpRequest request, out ClientPrincipal principal)
        {
            principal = null!;
            var header = request.Headers["X-MS-CLIENT-PRINCIPAL"].ToString();
            if (header.Length == 0)
            {
                return false;
            }

            try
            {
                using var document = JsonDocument.Parse(Convert.FromBase64String(header));
                var root = document.RootElement;
                var nameType = root.TryGetProperty("name_typ", out var n) ? n.GetString() : null;
                var roleType = root.TryGetProperty("role_typ", out var r) ? r.GetString() ?? "roles" : "roles";
                var claims = root.TryGetProperty("claims", out var c) && c.ValueKind == JsonValueKind.Array
                    ? c.EnumerateArray().Select(e => (e.GetProperty("typ").GetString() ?? string.Empty, e.GetProperty("val").GetString() ?? string.Empty)).ToArray()
                    : [];
                var name = claims.FirstOrDefault(x => x.Item1 == nameType).Item2 ?? request.Headers["X-MS-CLIENT-PRINCIPAL-NAME"].ToString();
                principal = new ClientPrincipal(string.IsNullOrEmpty(name) ? null : name, claims, roleType);
                return true;
            }
            catch (Exception exception) when (exception is FormatException or JsonException or InvalidOperationException or KeyNotFoundException)
            {
                return false;
            }
        }
    }
}
