using System.Text.Json.Serialization;
using StatusComms.Components;

namespace StatusComms.Incidents;

/// <summary>How bad an incident is for customers, ordered so that "worst" is a comparison.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IncidentImpact>))]
public enum IncidentImpact
{
    [JsonStringEnumMemberName("none")]
    None = 0,

    [JsonStringEnumMemberName("minor")]
    Minor = 1,

    [JsonStringEnumMemberName("major")]
    Major = 2,

    [JsonStringEnumMemberName("critical")]
    Critical = 3,
}

public static class IncidentImpactRules
{
    /// <summary>
    /// The impact Statuspage derives from the affected components when none is given:
    /// a major outage is critical, a partial outage major, degraded performance minor.
    /// </summary>
    public static IncidentImpact DeriveFrom(IEnumerable<ComponentStatus> statuses)
    {
        var worst = IncidentImpact.None;
        foreach (var status in statuses)
        {
            var impact = status switch
            {
                ComponentStatus.MajorOutage => IncidentImpact.Critical,
                ComponentStatus.PartialOutage => IncidentImpact.Major,
                ComponentStatus.DegradedPerformance => IncidentImpact.Minor,
                _ => IncidentImpact.None,
            };
            if (impact > worst)
            {
                worst = impact;
            }
        }

        return worst;
    }
}
