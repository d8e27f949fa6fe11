using StatusComms.Components;
using StatusComms.Incidents;

namespace StatusComms.Functions.Contracts;

/// <summary>
/// An incident as Statuspage's management API returns it, plus StatusComms' <c>next_update_at</c>. Fields that
/// belong to Statuspage features we do not have (Twitter, scheduling on incidents) are present with their
/// "unused" values so clients that read them keep working.
/// </summary>
public sealed record IncidentJson(
    string Id,
    string PageId,
    string Name,
    IncidentStatus Status,
    IncidentImpact Impact,
    IncidentImpact? ImpactOverride,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset StartedAt,
    DateTimeOffset? MonitoringAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? NextUpdateAt,
    string Shortlink,
    IReadOnlyList<ComponentJson> Components,
    IReadOnlyList<IncidentUpdateJson> IncidentUpdates,
    string? PostmortemBody,
    DateTimeOffset? PostmortemPublishedAt,
    DateTimeOffset? ScheduledFor,
    DateTimeOffset? ScheduledUntil,
    IReadOnlyDictionary<string, object> Metadata)
{
    public static IncidentJson From(IncidentDetails details, string pageId, string pageUrl)
    {
        var incident = details.Incident;
        var components = details.Components;
        return new IncidentJson(
            incident.Id,
            pageId,
            incident.Name,
            incident.Status,
            incident.Impact,
            incident.ImpactOverridden ? incident.Impact : null,
            incident.CreatedAt,
            incident.UpdatedAt,
            incident.StartedAt,
            incident.MonitoringAt,
            incident.ResolvedAt,
            incident.NextUpdateAt,
            $"{pageUrl}/incidents/{incident.Id}.html",
            incident.Components
                .Where(c => components.ContainsKey(c.Key))
                .Select(c => ComponentJson.From(components[c.Key], pageId, incident.IsOpen ? c.Value : components[c.Key].Status, components.Values))
                .OrderBy(c => c.Position)
                .ToArray(),
            incident.Updates.Reverse().Select(IncidentUpdateJson.From).ToArray(),
            null,
            null,
            null,
            null,
            new Dictionary<string, object>());
    }
}

/// <summary>An incident update as Statuspage returns it, plus StatusComms' author and promised next-update time.</summary>
public sealed record IncidentUpdateJson(
    string Id,
    string IncidentId,
    IncidentStatus Status,
    string Body,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset DisplayAt,
    IReadOnlyList<AffectedComponentJson> AffectedComponents,
    bool DeliverNotifications,
    string? CustomTweet,
    string? TweetId,
    string Author,
    DateTimeOffset? NextUpdateAt,
    CandorJson Candor)
{
    public static IncidentUpdateJson From(IncidentUpdate update)
        => new(
            update.Id,
            update.IncidentId,
            update.Status,
            update.Body,
            update.CreatedAt,
            update.CreatedAt,
            update.DisplayAt,
            update.ComponentChanges.Select(c => new AffectedComponentJson(c.ComponentId, c.ComponentName, c.OldStatus, c.NewStatus)).ToArray(),
            update.DeliverNotifications,
            null,
            null,
            update.Author,
            update.NextUpdateAt,
            CandorJson.From(update.Review));
}

/// <summary>One component's move in an update, as Statuspage's <c>affected_components</c> entries.</summary>
public sealed record AffectedComponentJson(string Code, string Name, ComponentStatus OldStatus, ComponentStatus NewStatus);
