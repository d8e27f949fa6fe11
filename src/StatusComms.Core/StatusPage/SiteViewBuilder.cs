using System.Globalization;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Uptime;

namespace StatusComms.StatusPage;

/// <summary>Builds the site's view models from stored data: pure, so every page can be tested without storage.</summary>
public static class SiteViewBuilder
{
    public static string IncidentHref(string incidentId) => $"/incidents/{incidentId}.html";

    public static string IncidentPath(string incidentId) => $"incidents/{incidentId}.html";

    /// <summary>Maintenances are shown on the front page while upcoming or active.</summary>
    public static string MaintenanceHref(string maintenanceId) => $"/#maintenance-{maintenanceId}";

    /// <summary>How many months history.html shows; older months have a page each.</summary>
    public const int HistoryWindowMonths = 3;

    public const string HistoryHref = "/history.html";

    public static string MonthPath(DateOnly month) => $"history/{month:yyyy-MM}.html";

    public static string MonthHref(DateOnly month) => "/" + MonthPath(month);

    public static string MonthLabel(DateOnly month) => month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The first day of the month <paramref name="time"/> falls in, UTC.</summary>
    public static DateOnly MonthOf(DateTimeOffset time) => new(time.UtcDateTime.Year, time.UtcDateTime.Month, 1);

    public static DateTimeOffset StartOf(DateOnly month) => new(month.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The first month history.html shows.</summary>
    public static DateOnly HistoryWindowStart(DateTimeOffset now) => MonthOf(now).AddMonths(-(HistoryWindowMonths - 1));

    public static IndexView Index(SiteContent content, SiteAssets assets, IReadOnlyDictionary<DateOnly, UptimeDay> uptime)
    {
        var rollup = content.Rollup;
        var names = content.Components.ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal);
        return new IndexView(
            Chrome(content, assets),
            rollup.Indicator,
            rollup.Description,
            Groups(content.Components, rollup, c => c.Showcase ? UptimeViewBuilder.For(c.Id, uptime, DateOnly.FromDateTime(content.Now.UtcDateTime), content.Page.Weights, c.CreatedAt) : null),
            Affected(content.Components, rollup),
            content.OpenIncidents
                .OrderByDescending(i => i.Impact).ThenByDescending(i => i.StartedAt)
                .Select(i => new IncidentCardView(
                    i.Id,
                    i.Name,
                    i.Impact,
                    StatusLabels.For(i.Impact),
                    StatusLabels.For(i.Status),
                    IncidentHref(i.Id),
                    i.StartedAt,
                    i.LatestUpdate is { } latest ? Update(latest, i.IsOpen, content.Now) : null))
                .ToArray(),
            content.Maintenances.Where(m => m.IsActive(content.Now)).OrderBy(m => m.ScheduledFor).Select(m => Maintenance(m, names, content.Now)).ToArray(),
            content.Maintenances.Where(m => m.IsUpcoming(content.Now)).OrderBy(m => m.ScheduledFor).Select(m => Maintenance(m, names, content.Now)).ToArray());
    }

    public static IncidentPageView IncidentPage(SiteContent content, Incident incident, SiteAssets assets)
    {
        var names = content.Components.ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal);
        return new IncidentPageView(
            Chrome(content, assets),
            incident.Id,
            incident.Name,
            incident.Impact,
            StatusLabels.For(incident.Impact),
            incident.Status,
            StatusLabels.For(incident.Status),
            incident.StartedAt,
            incident.ResolvedAt,
            incident.Components.Keys.Select(id => names.GetValueOrDefault(id)).OfType<string>().Order(StringComparer.CurrentCulture).ToArray(),
            incident.Updates.Reverse().Select((u, n) => Update(u, n == 0 && incident.IsOpen, content.Now)).ToArray(),
            MonthOf(incident.CreatedAt) >= HistoryWindowStart(content.Now) ? HistoryHref : MonthHref(MonthOf(incident.CreatedAt)),
            incident.PostmortemPublishedAt is null ? null : PostmortemHref(incident.Id));
    }

    public static string PostmortemHref(string incidentId) => $"/postmortems/{incidentId}.html";

    public static string PostmortemPath(string incidentId) => $"postmortems/{incidentId}.html";

    public static PostmortemPageView PostmortemPage(SiteContent content, Postmortems.CustomerSummary summary, DateTimeOffset publishedAt, SiteAssets assets)
        => new(Chrome(content, assets), summary, publishedAt);

    /// <summary>
    /// A page of history: every month from <paramref name="first"/> to <paramref name="last"/>, newest first, each
    /// listing the incidents created in it (<paramref name="incidents"/>, newest first), or saying there were none.
    /// </summary>
    /// <param name="olderMonth">The month of the newest incident before <paramref name="first"/>, if any: the "older" link.</param>
    public static HistoryView History(SiteContent content, SiteAssets assets, DateOnly first, DateOnly last, IReadOnlyList<IncidentSummary> incidents, DateOnly? olderMonth, bool isWindow)
    {
        var months = new List<HistoryMonthView>();
        for (var month = last; month >= first; month = month.AddMonths(-1))
        {
            months.Add(new HistoryMonthView(
                month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                MonthLabel(month),
                incidents
                    .Where(i => MonthOf(i.CreatedAt) == month)
                    .Select(i => new HistoryEntryView(i.Id, i.Name, IncidentHref(i.Id), i.Impact, StatusLabels.For(i.Impact), StatusLabels.For(i.Status), i.StartedAt, i.ResolvedAt, i.PostmortemPublishedAt is null ? null : PostmortemHref(i.Id)))
                    .ToArray()));
        }

        // A month's page is settled: it says when its own incidents last changed, so nothing else rewrites it.
        var chrome = Chrome(content, assets);
        if (!isWindow && incidents.Count > 0)
        {
            chrome = chrome with { LastChangedAt = incidents.Max(i => i.UpdatedAt) };
        }

        return new HistoryView(
            chrome,
            isWindow ? "Incident history" : $"Incident history: {MonthLabel(first)}",
            months,
            olderMonth is { } older ? new HistoryLink(MonthHref(older), $"Older incidents: {MonthLabel(older)}") : null,
            isWindow ? null : new HistoryLink(HistoryHref, "Recent incidents"));
    }

    /// <summary>The error document says nothing that changes with the data, so a change never rewrites it.</summary>
    public static NotFoundView NotFound(SiteContent content, SiteAssets assets) => new(Chrome(content, assets) with { LastChangedAt = null });

    private static SiteChrome Chrome(SiteContent content, SiteAssets assets)
        => new(content.Page.Name, content.Page.Url, assets, content.LastChangedAt, content.Page.SubscribeUrl, content.Page.SubscribeOrigin) { Root = content.Page.SiteRoot, Sandbox = content.Page.Sandbox };

    /// <summary>
    /// The components not operational, worst first, for the banner: a "Major outage" banner names what it is about,
    /// so nobody has to find the one red row at the bottom of a long list.
    /// </summary>
    private static AffectedView Affected(IReadOnlyList<Component> components, StatusRollup rollup)
    {
        var affected = components
            .Where(c => !c.IsGroup)
            .Select(c => (Component: c, Status: rollup.DisplayedStatus(c.Id)))
            .Where(x => x.Status is not ComponentStatus.Operational)
            .OrderByDescending(x => x.Status).ThenBy(x => x.Component.Position).ThenBy(x => x.Component.Name, StringComparer.CurrentCulture)
            .Select(x => new AffectedComponentView(x.Component.Id, x.Component.Name, x.Status, StatusLabels.For(x.Status)))
            .ToArray();
        return new AffectedView(affected.Take(AffectedView.MostNamed).ToArray(), Math.Max(0, affected.Length - AffectedView.MostNamed));
    }

    private static ComponentGroupView[] Groups(IReadOnlyList<Component> components, StatusRollup rollup, Func<Component, UptimeView?> uptime)
    {
        ComponentView View(Component c)
        {
            var status = rollup.DisplayedStatus(c.Id);
            return new ComponentView(c.Id, c.Name, c.Description, status, StatusLabels.For(status), uptime(c));
        }

        bool Visible(Component c) => !c.OnlyShowIfDegraded || rollup.DisplayedStatus(c.Id) != ComponentStatus.Operational;

        var members = components.Where(c => !c.IsGroup && Visible(c)).OrderBy(c => c.Position).ThenBy(c => c.Name, StringComparer.CurrentCulture).ToArray();
        var groups = components.Where(c => c.IsGroup).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var result = new List<(int Position, ComponentGroupView View)>();

        var ungrouped = members.Where(c => c.GroupId is null || !groups.ContainsKey(c.GroupId)).ToArray();
        foreach (var component in ungrouped)
        {
            // Top-level components sit among the groups by position, each in a group of one without a heading.
            var view = View(component);
            result.Add((component.Position, new ComponentGroupView(null, view.Status, view.StatusLabel, [view])));
        }

        foreach (var group in groups.Values)
        {
            var children = members.Where(c => c.GroupId == group.Id).Select(View).ToArray();
            if (children.Length == 0)
            {
                continue;
            }

            var status = rollup.DisplayedStatus(group.Id);
            result.Add((group.Position, new ComponentGroupView(group.Name, status, StatusLabels.For(status), children)));
        }

        return result.OrderBy(r => r.Position).Select(r => r.View).ToArray();
    }

    /// <param name="promiseStands">The update is the latest of an open incident: its promised next update is still owed.</param>
    private static UpdateView Update(IncidentUpdate update, bool promiseStands, DateTimeOffset now)
        => new(
            StatusLabels.For(update.Status),
            update.Body,
            update.DisplayAt,
            update.NextUpdateAt,
            update.ComponentChanges.Select(c => $"{c.ComponentName}: {StatusLabels.For(c.OldStatus)} → {StatusLabels.For(c.NewStatus)}").ToArray(),
            Overdue: promiseStands && update.NextUpdateAt <= now);

    private static MaintenanceCardView Maintenance(Maintenance.ScheduledMaintenance maintenance, IReadOnlyDictionary<string, string> names, DateTimeOffset now)
        => new(
            maintenance.Id,
            maintenance.Name,
            StatusLabels.For(maintenance.EffectiveStatus(now)),
            maintenance.ScheduledFor,
            maintenance.ScheduledUntil,
            maintenance.ComponentIds.Select(id => names.GetValueOrDefault(id)).OfType<string>().ToArray(),
            maintenance.Updates.Count == 0 ? null : maintenance.Updates[^1].Body);
}
