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
        var path = request.PathBase.Add(request.Path).Value ?? "/";
        if (request.Query.Count == 0)
        {
            return path;
        }

        var parts = request.Query.SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={(Secret.Contains(q.Key) ? Redacted : Uri.EscapeDataString(v ?? string.Empty))}"));
        return path + "?" + string.Join('&', parts);
    }
}
