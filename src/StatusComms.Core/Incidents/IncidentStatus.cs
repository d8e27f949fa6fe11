using System.Text.Json.Serialization;

namespace StatusComms.Incidents;

/// <summary>The stages of an incident, in Statuspage's words.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IncidentStatus>))]
public enum IncidentStatus
{
    [JsonStringEnumMemberName("investigating")]
    Investigating,

    [JsonStringEnumMemberName("identified")]
    Identified,

    [JsonStringEnumMemberName("monitoring")]
    Monitoring,

    [JsonStringEnumMemberName("resolved")]
    Resolved,

    [JsonStringEnumMemberName("postmortem")]
    Postmortem,
}
