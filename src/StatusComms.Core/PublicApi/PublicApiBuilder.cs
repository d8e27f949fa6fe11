using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Maintenance;
using StatusComms.StatusPage;

namespace StatusComms.PublicApi;

/// <summary>Builds the files of Statuspage's public API v2 from the site's content.</summary>
public static class PublicApiBuilder
{
    /// <summary>Statuspage lists the 50 most recent incidents and maintenances in its list files.</summary>
    public const int ListLength = 50;

    public const string Prefix = "api/v2/";

    /// <summary>Path under the site root and document, for each file.</summary>
    public static IReadOnlyList<(string Path, object Document)> Build(SiteContent content)
    {
        var page = Page(content);
        var all = Components(content);
        var byId = all.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var status = new PublicStatus(content.Rollup.Indicator, content.Rollup.Description);

        var incidents = content.LatestIncidents(ListLength).Select(i => Incident(i, content, byId)).ToArray();
        var unresolved = content.OpenIncidents.OrderByDescending(i => i.CreatedAt).Select(i => Incident(IncidentDigest.Of(i), content, byId)).ToArray();

        var maintenances = content.Maintenances.OrderByDescending(m => m.ScheduledFor).Take(ListLength).Select(m => Maintenance(m, content, byId)).ToArray();
        var upcoming = maintenances.Where(m => m.Status == MaintenanceStatus.Scheduled).OrderBy(m => m.ScheduledFor).ToArray();
        var active = maintenances.Where(m => m.Status is MaintenanceStatus.InProgress or MaintenanceStatus.Verifying).OrderBy(m => m.ScheduledFor).ToArray();

        return
        [
            (Prefix + "summary.json", new SummaryDocument(page, all, unresolved, [.. active, .. upcoming], status)),
            (Prefix + "status.json", new StatusDocument(page, status)),
            (Prefix + "components.json", new ComponentsDocument(page, all)),
            (Prefix + "incidents.json", new IncidentsDocument(page, incidents)),
            (Prefix + "incidents/unresolved.json", new IncidentsDocument(page, unresolved)),
            (Prefix + "scheduled-maintenances.json", new MaintenancesDocument(page, maintenances)),
            (Prefix + "scheduled-maintenances/upcoming.json", new MaintenancesDocument(page, upcoming)),
            (Prefix + "scheduled-maintenances/active.json", new MaintenancesDocument(page, active)),
        ];
    }

    public static PublicPage Page(SiteContent content)
        => new(content.Page.Id, content.Page.Name, content.Page.Url, content.Page.TimeZone, content.LastChangedAt);

    /// <summary>Every component and group, groups followed by their members, in page order; statuses as displayed.</summary>
    public static IReadOnlyList<PublicComponent> Components(SiteContent content)
    {
        var components = content.Components;
        var groupIds = components.Where(c => c.IsGroup).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var ordered = new List<PublicComponent>(components.Count);
        foreach (var top in components.Where(c => c.GroupId is null || !groupIds.Contains(c.GroupId)).OrderBy(c => c.Position).ThenBy(c => c.Name, StringComparer.Ordinal))
        {
            var children = top.IsGroup ? components.Where(c => c.GroupId == top.Id).OrderBy(c => c.Position).ThenBy(c => c.Name, StringComparer.Ordinal).ToArray() : [];
            ordered.Add(Component(top, content, top.IsGroup ? children.Select(c => c.Id).ToArray() : null));
            ordered.AddRange(children.Select(c => Component(c, content, null)));
        }

        return ordered;
    }

    private static PublicComponent Component(Component c, SiteContent content, IReadOnlyList<string>? children)
        => new(
            c.Id,
            c.Name,
            content.Rollup.DisplayedStatus(c.Id),
            c.CreatedAt,
            c.UpdatedAt,
            c.Position,
            c.Description,
            c.Showcase,
            c.StartDate,
            c.GroupId,
            content.Page.Id,
            c.IsGroup,
            c.OnlyShowIfDegraded,
            children);

    /// <summary>One incident as the API files show it (webhook payloads carry the same object).</summary>
    public static PublicIncident IncidentOf(Incident incident, SiteContent content)
        => Incident(IncidentDigest.Of(incident), content, Components(content).ToDictionary(c => c.Id, StringComparer.Ordinal));

    /// <summary>One maintenance as the API files show it.</summary>
    public static PublicMaintenance MaintenanceOf(ScheduledMaintenance maintenance, SiteContent content)
        => Maintenance(maintenance, content, Components(content).ToDictionary(c => c.Id, StringComparer.Ordinal));

    private static PublicIncident Incident(IncidentDigest incident, SiteContent content, IReadOnlyDictionary<string, PublicComponent> components)
        => new(
            incident.Id,
            incident.Name,
            incident.Status,
            incident.CreatedAt,
            incident.UpdatedAt,
            incident.MonitoringAt,
            incident.ResolvedAt,
            incident.Impact,
            content.Page.Url + SiteViewBuilder.IncidentHref(incident.Id),
            incident.StartedAt,
            content.Page.Id,
            incident.Updates.Reverse().Select(u => new PublicIncidentUpdate(
                u.Id,
                u.Status,
                u.Body,
                incident.Id,
                u.CreatedAt,
                u.EditedAt ?? u.CreatedAt,
                u.DisplayAt,
                u.ComponentChanges.Count == 0 ? null : u.ComponentChanges.Select(Affected).ToArray(),
                u.DeliverNotifications,
                null,
                null)).ToArray(),
            incident.Components.Keys.Select(components.GetValueOrDefault).OfType<PublicComponent>().OrderBy(c => c.Position).ToArray(),
            incident.PostmortemBody,
            incident.PostmortemPublishedAt);

    private static PublicMaintenance Maintenance(ScheduledMaintenance maintenance, SiteContent content, IReadOnlyDictionary<string, PublicComponent> components)
    {
        var status = maintenance.EffectiveStatus(content.Now);
        DateTimeOffset? completedAt = status != MaintenanceStatus.Completed
            ? null
            : maintenance.Updates.LastOrDefault(u => u.Status == MaintenanceStatus.Completed)?.CreatedAt ?? maintenance.ScheduledUntil;
        return new(
            maintenance.Id,
            maintenance.Name,
            status,
            maintenance.CreatedAt,
            maintenance.UpdatedAt,
            null,
            completedAt,
            "maintenance",
            content.Page.Url + SiteViewBuilder.MaintenanceHref(maintenance.Id),
            maintenance.ScheduledFor,
            content.Page.Id,
            maintenance.Updates.Reverse().Select(u => new PublicMaintenanceUpdate(
                u.Id, u.Status, u.Body, maintenance.Id, u.CreatedAt, u.CreatedAt, u.CreatedAt, null, u.DeliverNotifications, null, null)).ToArray(),
            maintenance.ComponentIds.Select(components.GetValueOrDefault).OfType<PublicComponent>().OrderBy(c => c.Position).ToArray(),
            maintenance.ScheduledFor,
            maintenance.ScheduledUntil);
    }

    private static PublicAffectedComponent Affected(ComponentChange change)
        => new(change.ComponentId, change.ComponentName, change.OldStatus, change.NewStatus);
}
