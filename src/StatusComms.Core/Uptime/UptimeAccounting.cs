using StatusComms.Components;

namespace StatusComms.Uptime;

/// <summary>
/// Rolls displayed statuses up into days. Statuses change only through stored changes, each of which publishes,
/// and the reconcile timer publishes every minute besides; so between two accounts what the page showed at the
/// first holds, and the time between is credited to it, split at UTC midnights.
/// </summary>
public static class UptimeAccounting
{
    public const int Days = 90;

    /// <summary>Credits the time since <paramref name="state"/> and returns the new state and the days that changed.</summary>
    /// <param name="days">The stored days the interval may touch (missing days start empty).</param>
    public static (UptimeState State, IReadOnlyList<UptimeDay> Changed) Advance(
        UptimeState? state,
        IReadOnlyDictionary<DateOnly, UptimeDay> days,
        IReadOnlyDictionary<string, ComponentStatus> statuses,
        IReadOnlyList<DayIncident> openIncidents,
        DateTimeOffset now)
    {
        var next = new UptimeState(now, statuses, openIncidents);
        var changed = new Dictionary<DateOnly, UptimeDay>();
        UptimeDay Day(DateOnly date) => changed.GetValueOrDefault(date) ?? days.GetValueOrDefault(date) ?? UptimeDay.Empty(date);

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (state is not null && now > state.AccountedUntil)
        {
            // Whole seconds only; the fraction left over is credited by the next account, so publishes a few
            // milliseconds apart lose no time. After a long silence only the days still on the page are credited.
            var from = Max(state.AccountedUntil, new DateTimeOffset(today.AddDays(-(Days - 1)).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
            while (now - from >= TimeSpan.FromSeconds(1))
            {
                var date = DateOnly.FromDateTime(from.UtcDateTime);
                var midnight = new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                var seconds = (long)((now < midnight ? now : midnight) - from).TotalSeconds;
                if (seconds == 0)
                {
                    from = midnight; // Less than a second before midnight: not worth a row.
                    continue;
                }

                changed[date] = Credit(Day(date), state.Statuses, state.OpenIncidents, seconds);
                from = from.AddSeconds(seconds);
            }

            next = next with { AccountedUntil = Max(from, state.AccountedUntil) };
        }
        else if (state is not null)
        {
            next = next with { AccountedUntil = state.AccountedUntil };
        }

        // Incidents open now belong to today, even if no time has been credited yet.
        var current = Day(today);
        var withIncidents = WithIncidents(current, openIncidents);
        if (!ReferenceEquals(withIncidents, current) || !days.ContainsKey(today))
        {
            changed[today] = withIncidents;
        }

        return (next, changed.Values.OrderBy(d => d.Date).ToArray());
    }

    private static UptimeDay Credit(UptimeDay day, IReadOnlyDictionary<string, ComponentStatus> statuses, IReadOnlyList<DayIncident> incidents, long seconds)
    {
        var components = new Dictionary<string, StatusSeconds>(day.Components, StringComparer.Ordinal);
        foreach (var (id, status) in statuses)
        {
            components[id] = (components.GetValueOrDefault(id) ?? StatusSeconds.None).Add(status, seconds);
        }

        return WithIncidents(day with { Components = components }, incidents);
    }

    /// <summary>Adds the incidents the day does not list yet, and the components an incident it lists has since affected.</summary>
    private static UptimeDay WithIncidents(UptimeDay day, IReadOnlyList<DayIncident> incidents)
    {
        var changed = false;
        var merged = day.Incidents.ToList();
        foreach (var incident in incidents)
        {
            var at = merged.FindIndex(d => d.Id == incident.Id);
            if (at < 0)
            {
                merged.Add(incident);
                changed = true;
            }
            else if (incident.ComponentIds.Except(merged[at].ComponentIds, StringComparer.Ordinal).Any())
            {
                merged[at] = merged[at] with { ComponentIds = [.. merged[at].ComponentIds.Union(incident.ComponentIds, StringComparer.Ordinal)] };
                changed = true;
            }
        }

        return changed ? day with { Incidents = merged } : day;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
