using StatusComms.Incidents;
using StatusComms.Maintenance;

namespace StatusComms.Functions.Contracts;

/// <summary>A scheduled maintenance in Statuspage's shape (an incident with impact "maintenance" and a window).</summary>
public sealed record MaintenanceJson(
    string Id,
    string PageId,
    string Name,
    MaintenanceStatus Status,
    string Impact,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset ScheduledFor,
    DateTimeOffset ScheduledUntil,
    bool AutoTransitionToMaintenanceState,
    bool AutoTransitionToOperationalState,
    string Shortlink,
    IReadOnlyList<ComponentJson> Components,
    IReadOnlyList<MaintenanceUpdateJson> IncidentUpdates) : IncidentObjectFields
{
    // The rest of Statuspage's incident object, so a client that reads planned work from incidents/… finds every
    // field it reads on an incident: a maintenance has no impact override, monitoring stage, postmortem or metadata.
    public IncidentImpact? ImpactOverride { get; init; }
    public DateTimeOffset? MonitoringAt { get; init; }

    /// <summary>When it completed (Statuspage fills resolved_at for planned work too).</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>When the work began: the start of its window.</summary>
    public DateTimeOffset StartedAt { get; init; }

    public string? PostmortemBody { get; init; }
    public DateTimeOffset? PostmortemPublishedAt { get; init; }

    public static MaintenanceJson From(MaintenanceDetails details, string pageId, string pageUrl, DateTimeOffset now)
    {
        var maintenance = details.Maintenance;
        var components = details.Components;
        var status = maintenance.EffectiveStatus(now);
        return new MaintenanceJson(
            maintenance.Id,
            pageId,
            maintenance.Name,
            status,
            "maintenance",
            maintenance.CreatedAt,
            maintenance.UpdatedAt,
            maintenance.ScheduledFor,
            maintenance.ScheduledUntil,
            maintenance.AutoTransition,
            maintenance.AutoTransition,
            $"{pageUrl}/#maintenance-{maintenance.Id}",
            maintenance.ComponentIds
                .Where(components.ContainsKey)
                .Select(id => ComponentJson.From(components[id], pageId, components[id].Status, components.Values))
                .ToArray(),
            maintenance.Updates.Reverse().Select(u => new MaintenanceUpdateJson(u.Id, u.MaintenanceId, u.Status, u.Body, u.CreatedAt, u.CreatedAt, u.CreatedAt, u.DeliverNotifications, u.Author, CandorJson.From(u.Review))).ToArray())
        {
            StartedAt = maintenance.ScheduledFor,
            ScheduledAutoInProgress = maintenance.AutoTransition,
            ScheduledAutoCompleted = maintenance.AutoTransition,
            ScheduledRemindPrior = maintenance.RemindPrior is not null,
            ScheduledRemindedAt = maintenance.RemindedAt,
            AutoTransitionDeliverNotificationsAtStart = maintenance.AutoTransition,
            AutoTransitionDeliverNotificationsAtEnd = maintenance.AutoTransition,
            ResolvedAt = status == MaintenanceStatus.Completed
                ? maintenance.Updates.LastOrDefault(u => u.Status == MaintenanceStatus.Completed)?.CreatedAt ?? maintenance.ScheduledUntil
                : null,
        };
    }
}

public sealed record MaintenanceUpdateJson(
    string Id,
    string IncidentId,
    MaintenanceStatus Status,
    string Body,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset DisplayAt,
    bool DeliverNotifications,
    string Author,
    CandorJson Candor)
{
    /// <summary>A maintenance's components are in its <c>components</c>; its updates move none.</summary>
    public IReadOnlyList<AffectedComponentJson>? AffectedComponents { get; init; }

    /// <summary>Statuspage's Twitter fields: no Twitter/X integration here.</summary>
    public string? CustomTweet { get; init; }

    public string? TweetId { get; init; }
    public DateTimeOffset? TwitterUpdatedAt { get; init; }
    public bool WantsTwitterUpdate { get; init; }
}
