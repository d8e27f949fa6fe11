using System.Text.Json;
using System.Text.Json.Serialization;
using StatusComms.Common;
using StatusComms.Incidents;
using StatusComms.Maintenance;

namespace StatusComms.Functions.Contracts;

/// <summary>
/// Statuspage's incident <c>status</c>, which names an incident stage (investigating … postmortem) or, for planned
/// work, a maintenance stage (scheduled … completed). Checked as it is read: anything else is a 400 listing both.
/// </summary>
[JsonConverter(typeof(Converter))]
public readonly record struct StageName(string Wire)
{
    public IncidentStatus? Incident => WireName.TryParse<IncidentStatus>(Wire, out var stage) ? stage : null;

    public MaintenanceStatus? Maintenance => WireName.TryParse<MaintenanceStatus>(Wire, out var stage) ? stage : null;

    private sealed class Converter : JsonConverter<StageName>
    {
        public override StageName Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            var stage = new StageName(text ?? string.Empty);
            return stage.Incident is not null || stage.Maintenance is not null
                ? stage
                : throw new JsonException($"Not an accepted value; use one of: {string.Join(", ", WireName.AllOf<IncidentStatus>().Concat(WireName.AllOf<MaintenanceStatus>()))}.");
        }

        public override void Write(Utf8JsonWriter writer, StageName value, JsonSerializerOptions options)
            => writer.WriteStringValue(value.Wire);
    }
}
