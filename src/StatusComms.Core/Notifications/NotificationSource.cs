using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Maintenance;
using StatusComms.StatusPage;

namespace StatusComms.Notifications;

/// <summary>Loads what an update says from the stores, for the fan-out and for each send.</summary>
public sealed class NotificationSource(IIncidentStore incidents, IMaintenanceStore maintenances, IComponentStore components, PageSettings page)
{
    /// <returns>The content, or null when the incident, maintenance or update no longer exists.</returns>
    public async Task<NotificationContent?> LoadAsync(NotificationRef notification, CancellationToken cancellationToken)
    {
        var namesTask = components.ListAsync(cancellationToken);
        if (notification.Kind == NotificationKind.Incident)
        {
            var incident = await incidents.GetAsync(notification.SubjectId, cancellationToken);
            var update = incident?.Updates.FirstOrDefault(u => u.Id == notification.UpdateId);
            if (incident is null || update is null)
            {
                return null;
            }

            return ForIncident(page, notification, incident, update, (await namesTask).ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal));
        }

        var maintenance = await maintenances.GetAsync(notification.SubjectId, cancellationToken);
        var posted = maintenance?.Updates.FirstOrDefault(u => u.Id == notification.UpdateId);
        if (maintenance is null || posted is null)
        {
            return null;
        }

        var known = (await namesTask).ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal);
        var under = posted.Status is MaintenanceStatus.InProgress or MaintenanceStatus.Verifying ? StatusLabels.For(ComponentStatus.UnderMaintenance) : "Scheduled maintenance";
        return new NotificationContent(
            notification,
            page.Name,
            page.Url,
            maintenance.Name,
            StatusLabels.For(posted.Status),
            null,
            posted.Body,
            posted.CreatedAt,
            maintenance.ComponentIds.Where(known.ContainsKey).Select(id => new ComponentLine(known[id], under)).ToArray(),
            maintenance.ComponentIds,
            null,
            maintenance.ScheduledFor,
            maintenance.ScheduledUntil,
            page.Url + SiteViewBuilder.MaintenanceHref(maintenance.Id),
            posted.DeliverNotifications);
    }

    /// <summary>What subscribers are told about an incident's update (also for a draft not yet posted: the console's preview).</summary>
    public static NotificationContent ForIncident(PageSettings page, NotificationRef notification, Incident incident, IncidentUpdate update, IReadOnlyDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(update);
        var lines = update.ComponentChanges.Count > 0
            ? update.ComponentChanges.Select(c => new ComponentLine(c.ComponentName, StatusLabels.For(c.NewStatus))).ToArray()
            : incident.Components.Where(c => names.ContainsKey(c.Key)).Select(c => new ComponentLine(names[c.Key], StatusLabels.For(c.Value))).ToArray();
        var affected = incident.Components.Keys.Concat(update.ComponentChanges.Select(c => c.ComponentId)).Distinct(StringComparer.Ordinal).ToArray();
        return new NotificationContent(
            notification,
            page.Name,
            page.Url,
            incident.Name,
            StatusLabels.For(update.Status),
            StatusLabels.For(incident.Impact),
            update.Body,
            update.DisplayAt,
            lines,
            affected,
            update.NextUpdateAt,
            null,
            null,
            page.Url + SiteViewBuilder.IncidentHref(incident.Id),
            update.DeliverNotifications);
    }
}
