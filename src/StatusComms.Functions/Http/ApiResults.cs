namespace StatusComms.Functions.Http;

/// <summary>Successful responses, serialised the Statuspage way (<see cref="ApiJson"/>).</summary>
public static partial class ApiResults
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
    /// <exception cref="ApiProblemException">400 for a value that is not one ETag (RFC 9110: an optional W/, then a quoted string).</exception>
    public static string? IfMatch(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim();
        if (value.Length == 0 || value == "*")
        {
            return null;
        }

        return OneEntityTag().IsMatch(value)
            ? value
            : throw new ApiProblemException(StatusCodes.Status400BadRequest, "Invalid If-Match", "If-Match takes one ETag as this API returned it, for example W/\"datetime'2026-11-25T10%3A00%3A00.0000000Z'\", or *.");
    }

    // RFC 9110 entity-tag: [W/] DQUOTE *etagc DQUOTE, etagc = %x21 / %x23-7E / obs-text (here: printable ASCII but '"').
    [System.Text.RegularExpressions.GeneratedRegex("^(W/)?\"[\\x21\\x23-\\x7E]{1,256}\"$")]
    private static partial System.Text.RegularExpressions.Regex OneEntityTag();
}
