using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace StatusComms.Functions.Http;

/// <summary>What the public (anonymous) endpoints share: HTML form bodies, HTML answers with strict headers, the caller's address.</summary>
public static class PublicHttp
{
    /// <summary>A subscribe or manage form never needs more.</summary>
    public const int MaxFormBytes = 32 * 1024;

    /// <summary>An HTML form post, urlencoded or multipart (RFC 8058 allows either for one-click unsubscribes).</summary>
    public static bool IsForm(HttpRequest request) => request.HasFormContentType;

    public static Task<IFormCollection> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
        => ReadFormAsync(request, MaxFormBytes, 1000, cancellationToken);

    /// <summary>
    /// Reads an HTML form post, urlencoded or multipart, for the public pages and the console alike: a body past
    /// <paramref name="maxBytes"/> is a 413, one that cannot be read as a form (a bad boundary, a truncated part,
    /// too many fields) a 400, never a 500.
    /// </summary>
    public static async Task<IFormCollection> ReadFormAsync(HttpRequest request, int maxBytes, int maxValues, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw new ApiProblemException(413, "Body too large", $"The form exceeds {maxBytes / 1024} KB.");
        }

        try
        {
            return await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { ValueCountLimit = maxValues, ValueLengthLimit = maxBytes, MultipartBodyLengthLimit = maxBytes, MultipartHeadersLengthLimit = 8 * 1024 }, cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or FormatException or BadHttpRequestException or ArgumentException)
        {
            throw new ApiProblemException(400, "Unreadable form", "The body could not be read as a form: send application/x-www-form-urlencoded, or multipart/form-data with a boundary and whole parts.");
        }
    }

    /// <summary>The posted form (null for a GET) and the link's token, from the form or the query string.</summary>
    public static async Task<(IFormCollection? Form, string? Token)> FormAndTokenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var form = HttpMethods.IsPost(request.Method) && IsForm(request) ? await ReadFormAsync(request, cancellationToken) : null;
        return (form, Value(request, form, "token"));
    }

    /// <summary>The form value, or the query string's (one-click unsubscribe URLs carry the token in the query).</summary>
    public static string? Value(HttpRequest request, IFormCollection? form, string name)
        => form is not null && form.TryGetValue(name, out var posted) && !StringValues.IsNullOrEmpty(posted) ? posted.ToString() : request.Query[name].FirstOrDefault();

    /// <summary>
    /// An HTML answer. These pages carry tokens in their URL: no-referrer keeps them from leaking to the next site;
    /// they are never cached or framed, and only post forms back to this app.
    /// </summary>
    public static ContentResult Html(HttpRequest request, string html, int status = StatusCodes.Status200OK)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Content-Type-Options"] = "nosniff";
        headers["X-Frame-Options"] = "DENY";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
        return new ContentResult { Content = html, ContentType = "text/html; charset=utf-8", StatusCode = status };
    }

    /// <summary>
    /// The caller's address for rate limiting. X-Forwarded-For is read only as far as the configured proxies wrote
    /// it (<c>StatusComms:TrustedProxyHops</c>, counted from the right, since each proxy appends the address it saw);
    /// the hops further left are whatever the client sent, and are ignored. With no trusted proxy, or a header shorter
    /// than the hops, the connection's address is the caller.
    /// </summary>
    public static string ClientAddress(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var hops = request.HttpContext.RequestServices.GetService<Microsoft.Extensions.Options.IOptions<Hosting.StatusCommsOptions>>()?.Value.TrustedProxyHops ?? 0;
        var connection = request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (hops <= 0)
        {
            return connection;
        }

        var chain = request.Headers["X-Forwarded-For"].SelectMany(v => (v ?? string.Empty).Split(',')).Select(h => h.Trim()).Where(h => h.Length > 0).ToArray();
        if (chain.Length < hops)
        {
            return connection;
        }

        // "203.0.113.7:50123" or "[2001:db8::1]:443": drop the port; anything that is no address is no client.
        var hop = chain[^hops];
        return IPEndPoint.TryParse(hop, out var endpoint) ? endpoint.Address.ToString() : IPAddress.TryParse(hop, out var address) ? address.ToString() : connection;
    }
}
