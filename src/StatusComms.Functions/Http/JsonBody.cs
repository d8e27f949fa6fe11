using System.Text.Json;
using System.Text.RegularExpressions;
using StatusComms.Common;

namespace StatusComms.Functions.Http;

/// <summary>Reads a request body as JSON, refusing oversized, malformed or unexpected input with a 4xx.</summary>
public static partial class JsonBody
{
    /// <summary>No legitimate update comes near this; anything larger is refused before it is read.</summary>
    public const int MaxBytes = 64 * 1024;

    public static Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
        => ReadAsync<T>(request, MaxBytes, cancellationToken);

    /// <param name="maxBytes">A larger limit for bodies that are lists by nature (a subscriber import).</param>
    public static async Task<T> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        var mediaType = request.ContentType?.Split(';', 2)[0].Trim();
        if (mediaType is not null && !mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) && !mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiProblemException(415, "Unsupported media type", $"Send the body as application/json, not {mediaType}.");
        }

        using var buffer = await ReadLimitedAsync(request, maxBytes, cancellationToken);
        if (buffer.Length == 0)
        {
            throw new ApiProblemException(400, "Empty body", "The request needs a JSON body.");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ApiJson.Options)
                ?? throw new ApiProblemException(400, "Invalid JSON", "The body is null; send a JSON object.");
        }
        catch (JsonException exception)
        {
            var where = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? string.Empty : $" (at {exception.Path})";
            throw new ApiProblemException(400, "Invalid JSON", Explain(exception) + where);
        }
    }

    /// <summary>The raw body, refused with a 413 as soon as it passes <paramref name="maxBytes"/> (never read whole first).</summary>
    public static async Task<MemoryStream> ReadLimitedAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                await buffer.DisposeAsync();
                throw TooLarge(maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer;
    }

    private static ApiProblemException TooLarge(int maxBytes)
        => new(413, "Body too large", $"The body exceeds {maxBytes / 1024} KB.");

    private static string Explain(JsonException exception)
    {
        // System.Text.Json's messages name .NET types; callers think in JSON, so say it in their terms.
        var message = exception.Message;
        var unknown = UnknownField().Match(message);
        if (unknown.Success)
        {
            return $"Unknown field '{unknown.Groups[1].Value}'.";
        }

        var conversion = Conversion().Match(message);
        if (conversion.Success)
        {
            var typeName = conversion.Groups[1].Value;
            const string nullable = "System.Nullable`1[";
            if (typeName.StartsWith(nullable, StringComparison.Ordinal))
            {
                typeName = typeName[nullable.Length..].TrimEnd(']');
            }

            var type = typeof(WireName).Assembly.GetType(typeName);
            if (type is { IsEnum: true })
            {
                var allowed = typeof(WireName).GetMethod(nameof(WireName.AllOf))!.MakeGenericMethod(type).Invoke(null, null) as IReadOnlyList<string>;
                return $"Not an accepted value; use one of: {string.Join(", ", allowed!)}.";
            }

            return "A value has the wrong type (for example a number where text is expected).";
        }

        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnknownField();

    [GeneratedRegex(@"could not be converted to (\S+?)\.?(?:\s|$)")]
    private static partial Regex Conversion();
}
