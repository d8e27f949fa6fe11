using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;

namespace StatusComms.Common;

/// <summary>
/// Statuspage's spelling of an enum value ("degraded_performance"). The spelling is declared once, on the enum
/// member with <see cref="JsonStringEnumMemberNameAttribute"/>; JSON, table rows and templates all read it from there.
/// </summary>
public static class WireName
{
    private static readonly ConcurrentDictionary<Type, (Dictionary<Enum, string> ToWire, Dictionary<string, Enum> FromWire)> Maps = new();

    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum
        => MapFor(typeof(TEnum)).ToWire[value];

    public static bool TryParse<TEnum>(string? wire, out TEnum value)
        where TEnum : struct, Enum
    {
        if (wire is not null && MapFor(typeof(TEnum)).FromWire.TryGetValue(wire, out var found))
        {
            value = (TEnum)found;
            return true;
        }

        value = default;
        return false;
    }

    public static TEnum Parse<TEnum>(string wire)
        where TEnum : struct, Enum
        => TryParse<TEnum>(wire, out var value)
            ? value
            : throw new FormatException($"'{wire}' is not one of {string.Join(", ", AllOf<TEnum>())}.");

    public static IReadOnlyList<string> AllOf<TEnum>()
        where TEnum : struct, Enum
        => Enum.GetValues<TEnum>().Select(v => Of(v)).ToArray();

    private static (Dictionary<Enum, string> ToWire, Dictionary<string, Enum> FromWire) MapFor(Type type)
        => Maps.GetOrAdd(type, static t =>
        {
            var toWire = new Dictionary<Enum, string>();
            var fromWire = new Dictionary<string, Enum>(StringComparer.Ordinal);
            foreach (var field in t.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var value = (Enum)field.GetValue(null)!;
                var name = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                    ?? throw new InvalidOperationException($"{t.Name}.{field.Name} has no wire name.");
                toWire[value] = name;
                fromWire[name] = value;
            }

            return (toWire, fromWire);
        });
}
