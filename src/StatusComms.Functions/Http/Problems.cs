namespace StatusComms.Functions.Http;

/// <summary>RFC 9457 problem responses (application/problem+json) with a title and a detail a person can act on.</summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    /// <remarks>Serialised like every other answer of the API (<see cref="ApiJson"/>: snake_case extensions).</remarks>
    public static JsonResult Create(int status, string title, string detail, HttpContext? context = null)
    {
        // No "type": per RFC 9457 that means about:blank, whose title is the status's meaning; ours is more specific.
        var problem = new ProblemDetails
        {
            Title = title,
            Status = status,
            Detail = detail,
            Instance = context?.Request.Path.Value,
        };
        if (context is not null)
        {
            problem.Extensions["trace_id"] = context.TraceIdentifier;
        }

        return new JsonResult(problem, ApiJson.Options) { StatusCode = status, ContentType = ContentType };
    }

    public static JsonResult NotFound(string what, string id, HttpContext? context = null)
        => Create(StatusCodes.Status404NotFound, "Not found", $"There is no {what} with id '{id}'.", context);
}
