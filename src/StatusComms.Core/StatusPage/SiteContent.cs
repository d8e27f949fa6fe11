using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Maintenance;

namespace StatusComms.StatusPage;

/// <summary>Everything the public site is built from, read at one moment.</summary>
/// <param name="OpenIncidents">Incidents not yet resolved.</param>
/// <param name="RecentIncidents">Digests of the most recently created incidents, newest first (open ones included).</param>
/// <param name="Maintenances">Open maintenances and the most recent ones, each once, newest window first.</param>
public sealed record SiteContent(
    PageSettings Page,
    IReadOnlyList<Component> Components,
    IReadOnlyList<Incident> OpenIncidents,
    IReadOnlyList<IncidentDigest> RecentIncidents,
    IReadOnlyList<ScheduledMaintenance> Maintenances,
    DateTimeOffset Now)
{
    // Cached with the inputs it was computed from: a copy made with `with` carries the cache along.
    private (StatusRollup Rollup, object Components, object Incidents, object Maintenances, DateTimeOffset Now)? _rollup;

    public StatusRollup Rollup
    {
        get
        {
            if (_rollup is not { } cached || cached.Components != Components || cached.Incidents != OpenIncidents || cached.Maintenances != Maintenances || cached.Now != Now)
            {
                _rollup = cached = (StatusRollup.Compute(Components, OpenIncidents, Maintenances, Now), Components, OpenIncidents, Maintenances, Now);
            }

            return cached.Rollup;
        }
    }

    /// <summary>
    /// When what the site shows last changed: the newest change to a component, incident or maintenance, or a
    /// maintenance window opening or closing. Pages carry this, not the time of rendering, so a publish with nothing
    /// new renders byte-identical files and writes none of them.
    /// </summary>
    public DateTimeOffset LastChangedAt
    {
        get
        {
            var times = Components.Select(c => c.UpdatedAt)
                .Concat(OpenIncidents.Select(i => i.UpdatedAt))
                .Concat(RecentIncidents.Select(i => i.UpdatedAt))
                .Concat(Maintenances.Select(m => m.UpdatedAt))
                .Concat(Maintenances.Where(m => m.AutoTransition).SelectMany(m => new[] { m.ScheduledFor, m.ScheduledUntil }).Where(t => t <= Now));
            return times.DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max();
        }
    }

    /// <summary>The recent incidents with each open one taken from <see cref="OpenIncidents"/>, newest first.</summary>
    public IReadOnlyList<IncidentDigest> LatestIncidents(int take)
    {
        var open = OpenIncidents.ToDictionary(i => i.Id, IncidentDigest.Of, StringComparer.Ordinal);
        return RecentIncidents
            .Select(d => open.GetValueOrDefault(d.Id) ?? d)
            .Concat(open.Values.Where(o => RecentIncidents.All(r => r.Id != o.Id)))
            .OrderByDescending(d => d.CreatedAt)
            .Take(take)
            .ToArray();
    }
}
