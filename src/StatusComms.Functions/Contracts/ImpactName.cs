using System.Text.Json;
using System.Text.Json.Serialization;
using StatusComms.Common;
using StatusComms.Incidents;

namespace StatusComms.Functions.Contracts;

/// <summary>
/// Statuspage's <c>impact_override</c>: an incident's impact (none … critical) or <c>maintenance</c>, which Statuspage
/// uses for planned work and which here makes the body a scheduled maintenance. Anything else is a 400 listing them.
/// </summary>
[JsonConverter(typeof(Converter))]
public readonly record struct ImpactName(string Wire)
{
    private const string MaintenanceWire = "maintenance";

    public IncidentImpact? Incident => WireName.TryParse<IncidentImpact>(Wire, out var impact) ? impact : null;

    public bool IsMaintenance => Wire == MaintenanceWire;

    private sealed class Converter : JsonConverter<ImpactName>
    {
        public override ImpactName Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var impact = new ImpactName(reader.TokenType == JsonTokenType.String ? reader.GetString() ?? string.Empty : string.Empty);
            return impact.Incident is not null || impact.IsMaintenance
                ? impact
                : throw new JsonException($"Not an accepted value; use one of: {string.Join(", ", WireName.AllOf<IncidentImpact>().Append(MaintenanceWire))}.");
        }

        public override void Write(Utf8JsonWriter writer, ImpactName value, JsonSerializerOptions options)
            => writer.WriteStringValue(value.Wire);
    }
}
