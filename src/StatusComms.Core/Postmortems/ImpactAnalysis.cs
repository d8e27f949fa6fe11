using StatusComms.Components;
using StatusComms.Incidents;

namespace StatusComms.Postmortems;

/// <summary>
/// The impact of an incident, computed from what was posted rather than typed: when it started, was detected,
/// mitigated and resolved, how soon customers heard, and how long each affected component spent in each status.
/// </summary>
public sealed record ImpactAnalysis(
    DateTimeOffset StartedAt,
    DateTimeOffset DetectedAt,
    DateTimeOffset FirstCustomerUpdateAt,
    DateTimeOffset? MitigatedAt,
    DateTimeOffset? ResolvedAt,
    IReadOnlyList<ComponentImpact> Components,
    int SubscribersNotified)
{
    /// <summary>From the start to the resolution.</summary>
    public TimeSpan? Duration => ResolvedAt - StartedAt;

    /// <summary>From the start to the first words customers could read.</summary>
    public TimeSpan TimeToFirstUpdate => FirstCustomerUpdateAt - StartedAt;

    /// <param name="subscribersNotified">How many subscribers the incident's mails reached (from the delivery ledger).</param>
    public static ImpactAnalysis Compute(Incident incident, int subscribersNotified)
    {
        var updates = incident.Updates;
        var first = updates[0];
        var mitigated = updates.FirstOrDefault(u => u.Status == IncidentStatus.Monitoring)?.DisplayAt ?? incident.ResolvedAt;
        var end = incident.ResolvedAt ?? updates[^1].DisplayAt;

        // Each component's statuses over time: the first change takes effect when the incident started (the
        // outage began then, before anyone posted), every later one when its update was posted.
        var components = new List<ComponentImpact>();
        foreach (var group in updates.SelectMany(u => u.ComponentChanges.Select(c => (Update: u, Change: c))).GroupBy(x => x.Change.ComponentId, StringComparer.Ordinal))
        {
            var seconds = new Dictionary<ComponentStatus, double>();
            var changes = group.OrderBy(x => x.Update.Sequence).ToArray();
            for (var i = 0; i < changes.Length; i++)
            {
                var from = i == 0 ? incident.StartedAt : changes[i].Update.DisplayAt;
                var until = i + 1 < changes.Length ? changes[i + 1].Update.DisplayAt : end;
                if (until > from)
                {
                    seconds[changes[i].Change.NewStatus] = seconds.GetValueOrDefault(changes[i].Change.NewStatus) + (until - from).TotalSeconds;
                }
            }

            components.Add(new ComponentImpact(
                group.Key,
                changes[^1].Change.ComponentName,
                seconds.Where(s => s.Key != ComponentStatus.Operational && s.Value > 0).OrderByDescending(s => s.Key).Select(s => new StatusTime(s.Key, TimeSpan.FromSeconds(Math.Round(s.Value)))).ToArray()));
        }

        return new ImpactAnalysis(
            incident.StartedAt,
            first.CreatedAt,
            first.DisplayAt,
            mitigated,
            incident.ResolvedAt,
            components.Where(c => c.Times.Count > 0).OrderBy(c => c.Name, StringComparer.Ordinal).ToArray(),
            subscribersNotified);
    }
}

public sealed record ComponentImpact(string ComponentId, string Name, IReadOnlyList<StatusTime> Times);

public sealed record StatusTime(ComponentStatus Status, TimeSpan Duration);
