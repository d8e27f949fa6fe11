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
    IReadOnlyList<MaintenanceUpdateJson> IncidentUpdates)
{
    public static MaintenanceJson From(MaintenanceDetails details, string pageId, string pageUrl, DateTimeOffset now)
    {
        var maintenance = details.Maintenance;
        var components = details.Components;
        return new MaintenanceJson(
            maintenance.Id,
            pageId,
            maintenance.Name,
            maintenance.EffectiveStatus(now),
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
            maintenance.Updates.Reverse().Select(u => new MaintenanceUpdateJson(u.Id, u.MaintenanceId, u.Status, u.Body, u.CreatedAt, u.CreatedAt, u.CreatedAt, u.DeliverNotifications, u.Author, CandorJson.From(u.Review))).ToArray());
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
    CandorJson Candor);
