namespace StatusComms.Functions.Http;

/// <summary>
/// A request's URL as it may be logged: the values of query parameters that carry credentials (subscription link
/// tokens, API keys, signatures) are replaced with <c>***</c>. Logs are read by more people, and kept longer, than
/// the secrets they would otherwise hold.
/// </summary>
public static class LogSafe
{
    private static readonly HashSet<string> Secret = new(StringComparer.OrdinalIgnoreCase) { "token", "api_key", "apikey", "key", "code", "sig", "signature", "secret", "password" };

    public const string Redacted = "***";

    /// <summary>The path and query, secrets redacted.</summary>
    public static string PathAndQuery(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Url((request.PathBase.Add(request.Path).Value ?? "/") + request.QueryString.Value);
    }

    /// <summary>A URL (or a bare query string) as telemetry may keep it: credential values in its query redacted.</summary>
    public static string Url(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var mark = url.IndexOf('?', StringComparison.Ordinal);
        var (head, query) = mark < 0 ? (url, null) : (url[..mark], url[(mark + 1)..]);
        if (query is null && url.Contains('=', StringComparison.Ordinal) && !url.Contains('/', StringComparison.Ordinal))
        {
            (head, query) = (string.Empty, url);
        }

        if (string.IsNullOrEmpty(query))
        {
            return url;
        }

        var parts = query.Split('&').Select(p =>
        {
            var equals = p.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? p : p[..equals]);
            return equals >= 0 && Secret.Contains(name) ? $"{p[..equals]}={Redacted}" : p;
        });
        return (head.Length > 0 || mark >= 0 ? head + "?" : string.Empty) + string.Join('&', parts);
    }
}
