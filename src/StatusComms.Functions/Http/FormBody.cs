using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.WebUtilities;

namespace StatusComms.Functions.Http;

/// <summary>
/// An <c>application/x-www-form-urlencoded</c> body with Rails-style nested keys, as Statuspage's curl samples send it
/// (<c>incident[name]=…</c>, <c>incident[component_ids][]=abc</c>, <c>incident[components][abc]=major_outage</c>),
/// turned into the JSON the same request type is read from. Form values are all text, so each is typed by the
/// member it lands on: <c>true</c>/<c>false</c> for a flag, a number for a number, an array for a list; the JSON
/// reader then applies the same validation to both encodings.
/// </summary>
public static class FormBody
{
    public const string MediaType = "application/x-www-form-urlencoded";

    /// <summary>Far beyond any Statuspage body; a form with more fields is refused rather than parsed.</summary>
    public const int MaxFields = 1000;

    public static JsonNode Parse(ReadOnlySpan<byte> body, Type target)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            throw Invalid("The form is not UTF-8.");
        }

        Dictionary<string, Microsoft.Extensions.Primitives.StringValues> pairs;
        try
        {
            using var reader = new FormReader(text) { ValueCountLimit = MaxFields };
            pairs = reader.ReadForm();
        }
        catch (InvalidDataException exception)
        {
            throw Invalid(exception.Message);
        }

        var root = new Field();
        foreach (var (key, values) in pairs)
        {
            var path = Split(key);
            foreach (var value in values)
            {
                root.Add(path, 0, value ?? string.Empty, key);
            }
        }

        return Typed(root, target, string.Empty)!;
    }

    /// <summary>No request of this API nests deeper (<c>incident[metadata][jira][issue][id]</c> is 5); JSON allows 16.</summary>
    private const int MaxNesting = 8;

    /// <summary><c>incident[components][abc]</c> → incident, components, abc; <c>[]</c> appends to a list ("").</summary>
    private static List<string> Split(string key)
    {
        var open = key.IndexOf('[', StringComparison.Ordinal);
        var head = open < 0 ? key : key[..open];
        if (head.Length == 0 || head.Contains(']', StringComparison.Ordinal))
        {
            throw Invalid($"'{key}' is not a field name; write nested fields as incident[name].");
        }

        var path = new List<string> { head };
        var at = open;
        while (at >= 0 && at < key.Length)
        {
            var close = key.IndexOf(']', at);
            if (key[at] != '[' || close < 0)
            {
                throw Invalid($"'{key}' is not a field name; write nested fields as incident[name].");
            }

            var part = key[(at + 1)..close];
            if (part.Contains('[', StringComparison.Ordinal))
            {
                throw Invalid($"'{key}' is not a field name; write nested fields as incident[name].");
            }

            path.Add(part);
            at = close + 1;
            if (path.Count > MaxNesting)
            {
                throw Invalid($"'{key[..Math.Min(key.Length, 80)]}' nests deeper than any field of this API ({MaxNesting} levels).");
            }
        }

        return path;
    }

    private static JsonNode? Typed(Field field, Type type, string name)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(JsonElement) || type == typeof(object) || type == typeof(JsonNode))
        {
            return Untyped(field);
        }

        var info = ApiJson.Options.GetTypeInfo(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                return Object(field, name, key => info.Properties.FirstOrDefault(p => p.Name == key)?.PropertyType);
            case JsonTypeInfoKind.Dictionary:
                return Object(field, name, _ => info.ElementType);
            case JsonTypeInfoKind.Enumerable:
                return List(field, info.ElementType!, name);
            default:
                if (field.Value is null)
                {
                    throw Invalid($"{name} takes one value, not nested fields.");
                }

                return Scalar(field.Value, type);
        }
    }

    private static JsonObject Object(Field field, string name, Func<string, Type?> memberType)
    {
        if (field.Children is null)
        {
            throw Invalid(name.Length == 0 ? "The form is empty." : $"{name} takes nested fields, such as {name}[name]=….");
        }

        var node = new JsonObject();
        foreach (var (key, child) in field.Children)
        {
            var path = name.Length == 0 ? key : $"{name}[{key}]";
            node[key] = memberType(key) is { } type ? Typed(child, type, path) : Untyped(child);
        }

        return node;
    }

    private static JsonArray List(Field field, Type elementType, string name)
    {
        // incident[component_ids][]=a&…[]=b, or indexed (…[0]=a), or one plain value; "x[]=" alone means "none".
        IEnumerable<Field> items = field.Items
            ?? (field.Children is { } children && children.All(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                ? children.OrderBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture)).Select(c => c.Value)
                : field.Value is not null ? [field] : throw Invalid($"{name} is a list: send {name}[]=… once per item."));
        var array = new JsonArray();
        foreach (var item in items)
        {
            if (item.Value is { Length: 0 })
            {
                continue;
            }

            array.Add(Typed(item, elementType, name + "[]"));
        }

        return array;
    }

    private static JsonValue? Scalar(string value, Type type)
    {
        if (type == typeof(string))
        {
            return JsonValue.Create(value);
        }

        if (value.Length == 0)
        {
            return null;
        }

        if (type == typeof(bool))
        {
            return value.ToUpperInvariant() switch
            {
                "TRUE" or "1" or "ON" or "YES" => JsonValue.Create(true),
                "FALSE" or "0" or "OFF" or "NO" => JsonValue.Create(false),
                _ => JsonValue.Create(value),
            };
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(decimal))
        {
            return decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                ? JsonValue.Create(number)
                : JsonValue.Create(value);
        }

        // Enums, timestamps, dates, URIs: the JSON reader takes their text and checks it.
        return JsonValue.Create(value);
    }

    private static JsonNode? Untyped(Field field)
        => field.Value is { } value ? JsonValue.Create(value)
            : field.Items is { } items ? new JsonArray(items.Select(Untyped).ToArray())
            : new JsonObject(field.Children!.Select(c => KeyValuePair.Create(c.Key, Untyped(c.Value))));

    private static ApiProblemException Invalid(string detail) => new(StatusCodes.Status400BadRequest, "Invalid form", detail);

    /// <summary>One key's worth of the form: a value, a list (<c>[]</c>) or named children, never two of these.</summary>
    private sealed class Field
    {
        public string? Value { get; private set; }

        public List<Field>? Items { get; private set; }

        public List<KeyValuePair<string, Field>>? Children { get; private set; }

        public void Add(List<string> path, int at, string value, string key)
        {
            if (at == path.Count)
            {
                if (Value is not null || Items is not null || Children is not null)
                {
                    throw Invalid($"'{key}' is given twice or clashes with another field.");
                }

                Value = value;
                return;
            }

            if (Value is not null)
            {
                throw Invalid($"'{key}' clashes with another field.");
            }

            var part = path[at];
            if (part.Length == 0)
            {
                if (Children is not null)
                {
                    throw Invalid($"'{key}' mixes a list with named fields.");
                }

                Items ??= [];

                // a[][name]=x&a[][url]=y builds one item; a second a[][name] starts the next (as Rails reads it).
                var last = Items.Count > 0 ? Items[^1] : null;
                if (at + 1 < path.Count && last?.Children is { } named && !named.Any(c => c.Key == path[at + 1]))
                {
                    last.Add(path, at + 1, value, key);
                    return;
                }

                var item = new Field();
                item.Add(path, at + 1, value, key);
                Items.Add(item);
                return;
            }

            if (Items is not null)
            {
                throw Invalid($"'{key}' mixes a list with named fields.");
            }

            Children ??= [];
            var index = Children.FindIndex(c => c.Key == part);
            if (index < 0)
            {
                Children.Add(KeyValuePair.Create(part, new Field()));
                index = Children.Count - 1;
            }

            Children[index].Value.Add(path, at + 1, value, key);
        }
    }
}
