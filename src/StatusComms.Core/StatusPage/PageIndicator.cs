using System.Text.Json.Serialization;

namespace StatusComms.StatusPage;

/// <summary>Statuspage's page-level indicator, ordered so that "worst" is a comparison.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PageIndicator>))]
public enum PageIndicator
{
    [JsonStringEnumMemberName("none")]
    None = 0,

    [JsonStringEnumMemberName("maintenance")]
    Maintenance = 1,

    [JsonStringEnumMemberName("minor")]
    Minor = 2,

    [JsonStringEnumMemberName("major")]
    Major = 3,

    [JsonStringEnumMemberName("critical")]
    Critical = 4,
}
