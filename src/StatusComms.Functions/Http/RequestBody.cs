using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using StatusComms.Common;

namespace StatusComms.Functions.Http;

/// <summary>
/// Reads a request body, refusing oversized, malformed or unexpected input with a 4xx. Both encodings Statuspage's
/// API takes are read into the same request type with the same rules: JSON, and form-urlencoded with Rails-style
/// nested keys (<see cref="FormBody"/>). Fields Statuspage documents but that mean nothing here are dropped and named
/// in <see cref="IgnoredFieldsHeader"/> (<see cref="AcceptsAndIgnoresAttribute"/>); any other unknown field is a 400.
/// </summary>
public static partial class RequestBody
{
    /// <summary>No legitimate update comes near this; anything larger is refused before it is read.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>Names the accepted-and-ignored fields of the body, comma-separated (e.g. <c>incident.auto_tweet_on_creation</c>).</summary>
    public const string IgnoredFieldsHeader = "StatusComms-Ignored-Fields";

    /// <summary>As strict as <see cref="ApiJson.Options"/>: a field given twice is an error, not the last one winning.</summary>
    private static readonly JsonDocumentOptions JsonDocuments = new() { AllowDuplicateProperties = false, MaxDepth = ApiJson.Options.MaxDepth };

    /// <summary>Whether the request carries a body at all (a length, or a type for one sent chunked).</summary>
    public static bool IsPresent(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.ContentLength > 0 || request.ContentType is not null;
    }

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
        var form = string.Equals(mediaType, FormBody.MediaType, StringComparison.OrdinalIgnoreCase);
        if (mediaType is not null && !form && !mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) && !mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiProblemException(415, "Unsupported media type", $"Send the body as application/json or {FormBody.MediaType}, not {mediaType}.");
        }

        using var buffer = await ReadLimitedAsync(request, maxBytes, cancellationToken);
        if (buffer.Length == 0)
        {
            throw new ApiProblemException(400, "Empty body", "The request needs a body: JSON, or form fields such as incident[name]=….");
        }

        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        try
        {
            var node = form ? FormBody.Parse(bytes, typeof(T)) : JsonNode.Parse(bytes, documentOptions: JsonDocuments);
            if (node is null)
            {
                throw new ApiProblemException(400, "Invalid JSON", "The body is null; send a JSON object.");
            }

            var ignored = new List<string>();
            Ignore(node, typeof(T), string.Empty, ignored);
            if (ignored.Count > 0)
            {
                request.HttpContext.Response.Headers[IgnoredFieldsHeader] = string.Join(", ", ignored);
            }

            return node.Deserialize<T>(ApiJson.Options)
                ?? throw new ApiProblemException(400, "Invalid JSON", "The body is null; send a JSON object.");
        }
        catch (JsonException exception)
        {
            var where = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? string.Empty : $" (at {exception.Path})";
            throw new ApiProblemException(400, form ? "Invalid form" : "Invalid JSON", Explain(exception) + where);
        }
    }

    /// <summary>Drops the accepted-and-ignored fields of every object in the body, by the type it is read into.</summary>
    private static void Ignore(JsonNode node, Type type, string path, List<string> ignored)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(JsonElement) || type == typeof(object) || typeof(JsonNode).IsAssignableFrom(type))
        {
            return;
        }

        var info = ApiJson.Options.GetTypeInfo(type);
        switch (info.Kind, node)
        {
            case (JsonTypeInfoKind.Object, JsonObject fields):
                foreach (var name in type.GetCustomAttribute<AcceptsAndIgnoresAttribute>()?.Fields ?? [])
                {
                    if (fields.Remove(name))
                    {
                        ignored.Add(path + name);
                    }
                }

                foreach (var property in info.Properties)
                {
                    if (fields[property.Name] is { } child)
                    {
                        Ignore(child, property.PropertyType, path + property.Name + ".", ignored);
                    }
                }

                break;
            case (JsonTypeInfoKind.Enumerable, JsonArray items):
                // No list of this API holds null: an id list with [null] says nothing a person meant.
                if (items.Any(item => item is null))
                {
                    throw new ApiProblemException(400, "Invalid JSON", $"{path.TrimEnd('.')} holds null; leave it out of the list.");
                }

                foreach (var item in items.OfType<JsonNode>())
                {
                    Ignore(item, info.ElementType!, path, ignored);
                }

                break;
            case (JsonTypeInfoKind.Dictionary, JsonObject entries):
                foreach (var (_, value) in entries)
                {
                    if (value is not null)
                    {
                        Ignore(value, info.ElementType!, path, ignored);
                    }
                }

                break;
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
