using System.Text.Json.Serialization;

namespace StatusComms.Maintenance;

/// <summary>The stages of a scheduled maintenance, in Statuspage's words.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MaintenanceStatus>))]
public enum MaintenanceStatus
{
    [JsonStringEnumMemberName("scheduled")]
    Scheduled,

    [JsonStringEnumMemberName("in_progress")]
    InProgress,

    [JsonStringEnumMemberName("verifying")]
    Verifying,

    [JsonStringEnumMemberName("completed")]
    Completed,
}
