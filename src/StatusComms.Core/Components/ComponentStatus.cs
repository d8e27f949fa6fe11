using System.Text.Json.Serialization;

namespace StatusComms.Components;

/// <summary>
/// Statuspage's component statuses, ordered from best to worst so that "worst" is a comparison.
/// Maintenance ranks above operational but below any outage: an outage during maintenance is still an outage.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComponentStatus>))]
public enum ComponentStatus
{
    [JsonStringEnumMemberName("operational")]
    Operational = 0,

    [JsonStringEnumMemberName("under_maintenance")]
    UnderMaintenance = 1,

    [JsonStringEnumMemberName("degraded_performance")]
    DegradedPerformance = 2,

    [JsonStringEnumMemberName("partial_outage")]
    PartialOutage = 3,

    [JsonStringEnumMemberName("major_outage")]
    MajorOutage = 4,
}
