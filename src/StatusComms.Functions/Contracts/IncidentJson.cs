using StatusComms.Components;
using StatusComms.Incidents;

namespace StatusComms.Functions.Contracts;

/// <summary>
/// An incident as Statuspage's management API returns it, plus StatusComms' <c>next_update_at</c>. Fields that
/// belong to Statuspage features we do not have (Twitter, scheduling on incidents) are present with their
/// "unused" values so clients that read them keep working. Built by name, member by member: a positional list of
/// twenty values is how <c>postmortem_body</c> once reached the JSON as null.
/// </summary>
public sealed record IncidentJson : IncidentObjectFields
{
    public required string Id { get; init; }
    public required string PageId { get; init; }
    public required string Name { get; init; }
    public required IncidentStatus Status { get; init; }
    public required IncidentImpact Impact { get; init; }
    public IncidentImpact? ImpactOverride { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? MonitoringAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public DateTimeOffset? NextUpdateAt { get; init; }
    public required string Shortlink { get; init; }
    public required IReadOnlyList<ComponentJson> Components { get; init; }
    public required IReadOnlyList<IncidentUpdateJson> IncidentUpdates { get; init; }
    public string? PostmortemBody { get; init; }
    public DateTimeOffset? PostmortemPublishedAt { get; init; }
    public DateTimeOffset? ScheduledFor { get; init; }
    public DateTimeOffset? ScheduledUntil { get; init; }
    public bool AutoTransitionToMaintenanceState { get; init; }
    public bool AutoTransitionToOperationalState { get; init; }

    public static IncidentJson From(IncidentDetails details, string pageId, string pageUrl)
    {
        var incident = details.Incident;
        var components = details.Components;
        return new IncidentJson
        {
            Id = incident.Id,
            PageId = pageId,
            Name = incident.Name,
            Status = incident.Status,
            Impact = incident.Impact,
            ImpactOverride = incident.ImpactOverridden ? incident.Impact : null,
            CreatedAt = incident.CreatedAt,
            UpdatedAt = incident.UpdatedAt,
            StartedAt = incident.StartedAt,
            MonitoringAt = incident.MonitoringAt,
            ResolvedAt = incident.ResolvedAt,
            NextUpdateAt = incident.NextUpdateAt,
            Shortlink = $"{pageUrl}/incidents/{incident.Id}.html",
            Components = incident.Components
                .Where(c => components.ContainsKey(c.Key))
                .Select(c => ComponentJson.From(components[c.Key], pageId, incident.IsOpen ? c.Value : components[c.Key].Status, components.Values))
                .OrderBy(c => c.Position)
                .ToArray(),
            IncidentUpdates = incident.Updates.Reverse().Select(IncidentUpdateJson.From).ToArray(),
            PostmortemBody = incident.PostmortemBody,
            PostmortemPublishedAt = incident.PostmortemPublishedAt,
            PostmortemBodyLastUpdatedAt = incident.PostmortemPublishedAt,
            PostmortemNotifiedSubscribers = incident.Updates.Any(u => u.Status == IncidentStatus.Postmortem && u.DeliverNotifications),
        };
    }
}

/// <summary>
/// An incident update as Statuspage returns it, plus StatusComms' author, promised next-update time, candor findings
/// and, once edited, the body first posted (what subscribers were mailed) and who edited it (<c>updated_at</c> is when).
/// </summary>
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
    CandorJson Candor,
    string? OriginalBody,
    string? EditedBy)
{
    /// <summary>Statuspage's Twitter fields: no Twitter/X integration here.</summary>
    public DateTimeOffset? TwitterUpdatedAt { get; init; }

    public bool WantsTwitterUpdate { get; init; }

    public static IncidentUpdateJson From(IncidentUpdate update)
        => new(
            update.Id,
            update.IncidentId,
            update.Status,
            update.Body,
            update.CreatedAt,
            update.EditedAt ?? update.CreatedAt,
            update.DisplayAt,
            update.ComponentChanges.Select(c => new AffectedComponentJson(c.ComponentId, c.ComponentName, c.OldStatus, c.NewStatus)).ToArray(),
            update.DeliverNotifications,
            null,
            null,
            update.Author,
            update.NextUpdateAt,
            CandorJson.From(update.Review),
            update.OriginalBody,
            update.EditedBy);
}

/// <summary>One component's move in an update, as Statuspage's <c>affected_components</c> entries.</summary>
public sealed record AffectedComponentJson(string Code, string Name, ComponentStatus OldStatus, ComponentStatus NewStatus);
