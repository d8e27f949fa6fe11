using System.Text.Json.Serialization;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Maintenance;
using StatusComms.StatusPage;

namespace StatusComms.PublicApi;

// The files of Statuspage's public API v2, field for field (docs/api.md lists what we leave null). Property order
// is the order Statuspage writes them in.

public sealed record PublicPage(string Id, string Name, string Url, string TimeZone, DateTimeOffset UpdatedAt);

public sealed record PublicStatus(PageIndicator Indicator, string Description);

public sealed record PublicComponent(
    string Id,
    string Name,
    ComponentStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Position,
    string? Description,
    bool Showcase,
    [property: JsonConverter(typeof(DateOnlyConverter))] DateOnly? StartDate,
    string? GroupId,
    string PageId,
    bool Group,
    bool OnlyShowIfDegraded,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Components);

public sealed record PublicAffectedComponent(string Code, string Name, ComponentStatus OldStatus, ComponentStatus NewStatus);

public sealed record PublicIncidentUpdate(
    string Id,
    IncidentStatus Status,
    string Body,
    string IncidentId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset DisplayAt,
    IReadOnlyList<PublicAffectedComponent>? AffectedComponents,
    bool DeliverNotifications,
    string? CustomTweet,
    string? TweetId);

public sealed record PublicIncident(
    string Id,
    string Name,
    IncidentStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? MonitoringAt,
    DateTimeOffset? ResolvedAt,
    IncidentImpact Impact,
    string Shortlink,
    DateTimeOffset StartedAt,
    string PageId,
    IReadOnlyList<PublicIncidentUpdate> IncidentUpdates,
    IReadOnlyList<PublicComponent> Components,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PostmortemBody = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? PostmortemPublishedAt = null);

public sealed record PublicMaintenanceUpdate(
    string Id,
    MaintenanceStatus Status,
    string Body,
    string IncidentId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset DisplayAt,
    IReadOnlyList<PublicAffectedComponent>? AffectedComponents,
    bool DeliverNotifications,
    string? CustomTweet,
    string? TweetId);

public sealed record PublicMaintenance(
    string Id,
    string Name,
    MaintenanceStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? MonitoringAt,
    DateTimeOffset? ResolvedAt,
    string Impact,
    string Shortlink,
    DateTimeOffset StartedAt,
    string PageId,
    IReadOnlyList<PublicMaintenanceUpdate> IncidentUpdates,
    IReadOnlyList<PublicComponent> Components,
    DateTimeOffset ScheduledFor,
    DateTimeOffset ScheduledUntil);

public sealed record SummaryDocument(
    PublicPage Page,
    IReadOnlyList<PublicComponent> Components,
    IReadOnlyList<PublicIncident> Incidents,
    IReadOnlyList<PublicMaintenance> ScheduledMaintenances,
    PublicStatus Status);

public sealed record StatusDocument(PublicPage Page, PublicStatus Status);

public sealed record ComponentsDocument(PublicPage Page, IReadOnlyList<PublicComponent> Components);

public sealed record IncidentsDocument(PublicPage Page, IReadOnlyList<PublicIncident> Incidents);

public sealed record MaintenancesDocument(PublicPage Page, IReadOnlyList<PublicMaintenance> ScheduledMaintenances);

/// <summary>Statuspage writes <c>start_date</c> as a plain date ("2026-01-31").</summary>
public sealed class DateOnlyConverter : JsonConverter<DateOnly?>
{
    public override DateOnly? Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options)
        => reader.TokenType == System.Text.Json.JsonTokenType.Null ? null : DateOnly.ParseExact(reader.GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public override void Write(System.Text.Json.Utf8JsonWriter writer, DateOnly? value, System.Text.Json.JsonSerializerOptions options)
    {
        if (value is { } date)
        {
            writer.WriteStringValue(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
