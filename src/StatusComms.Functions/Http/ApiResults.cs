namespace StatusComms.Functions.Http;

/// <summary>Successful responses, serialised the Statuspage way (<see cref="ApiJson"/>).</summary>
public static class ApiResults
{
    public static JsonResult Ok(object body) => new(body, ApiJson.Options) { StatusCode = StatusCodes.Status200OK };

    public static JsonResult Created(object body) => new(body, ApiJson.Options) { StatusCode = StatusCodes.Status201Created };

    /// <summary>A response carrying the representation's version, which the caller sends back as If-Match.</summary>
    public static JsonResult Versioned(HttpRequest request, object body, string? version, int status = StatusCodes.Status200OK)
    {
        if (version is not null)
        {
            request.HttpContext.Response.Headers.ETag = version;
        }

        return new JsonResult(body, ApiJson.Options) { StatusCode = status };
    }

    /// <summary>The version the caller read (If-Match), or null to use the stored one. "*" means "any".</summary>
    public static string? IfMatch(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim();
        return value.Length == 0 || value == "*" ? null : value;
    }
}
