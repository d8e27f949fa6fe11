using StatusComms.Incidents;
using StatusComms.StatusPage;

namespace StatusComms.Postmortems;

/// <summary>One moment of an incident: a posted update, a component's change, or an entry the team added.</summary>
/// <param name="Id">"u{update}" for an update, "c{update}-{component}" for a component change, the team entry's id otherwise.</param>
public sealed record TimelineEntry(string Id, DateTimeOffset At, string Text, TimelineSource Source, bool Public);

public enum TimelineSource
{
    Update,
    ComponentChange,
    Team,
}

/// <summary>The timeline, built from every update and component change of the incident and the team's entries, in order.</summary>
public static class PostmortemTimeline
{
    public static IReadOnlyList<TimelineEntry> Build(Incident incident, PostmortemContent content)
    {
        var hidden = content.HiddenComputedEntries.ToHashSet(StringComparer.Ordinal);
        var entries = new List<TimelineEntry>();
        foreach (var update in incident.Updates)
        {
            var id = "u" + update.Id;
            entries.Add(new TimelineEntry(id, update.DisplayAt, $"{StatusLabels.For(update.Status)}: {update.Body}", TimelineSource.Update, !hidden.Contains(id)));
            foreach (var change in update.ComponentChanges)
            {
                var changeId = $"c{update.Id}-{change.ComponentId}";
                entries.Add(new TimelineEntry(changeId, update.DisplayAt, $"{change.ComponentName}: {StatusLabels.For(change.OldStatus)} → {StatusLabels.For(change.NewStatus)}", TimelineSource.ComponentChange, !hidden.Contains(changeId)));
            }
        }

        entries.AddRange(content.TimelineEntries.Select(e => new TimelineEntry(e.Id, e.At, e.Text, TimelineSource.Team, e.Public)));
        return entries.OrderBy(e => e.At).ThenBy(e => e.Source == TimelineSource.Team ? 0 : e.Source == TimelineSource.Update ? 1 : 2).ToArray();
    }
}
