using StatusComms.Components;

namespace StatusComms.Uptime;

/// <summary>
/// Accounts the time since the last publish and returns the days the uptime bars are drawn from. What this process
/// saved last is kept, so a publish saves on top of it without reading first; when another publisher accounted
/// meanwhile, the save fails on the state's version and the roll-up is read again.
/// </summary>
public sealed class UptimeRecorder(IUptimeStore store)
{
    private UptimeSnapshot? _saved;

    public async Task<IReadOnlyDictionary<DateOnly, UptimeDay>> RecordAsync(
        IReadOnlyDictionary<string, ComponentStatus> statuses,
        IReadOnlyList<DayIncident> openIncidents,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var from = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-(UptimeAccounting.Days - 1));
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = attempt == 1 && _saved is { } saved ? saved with { Days = saved.Days.Where(d => d.Key >= from).ToDictionary() } : await store.ReadAsync(from, cancellationToken);
            if (snapshot.State is { } state && state.AccountedUntil >= now)
            {
                return snapshot.Days; // A publisher with a later clock has accounted already.
            }

            // Note: the state is saved even when less than a second passed, so it records what the page shows now.

            var (next, changed) = UptimeAccounting.Advance(snapshot.State, snapshot.Days, statuses, openIncidents, now);
            if (await store.TrySaveAsync(next, snapshot.Version, changed, cancellationToken) is { } version)
            {
                var days = new Dictionary<DateOnly, UptimeDay>(snapshot.Days);
                foreach (var day in changed)
                {
                    days[day.Date] = day;
                }

                _saved = new UptimeSnapshot(next, version, days);
                return days;
            }

            _saved = null;
            if (attempt == 3)
            {
                // Others keep accounting; their roll-up is as good as ours for drawing the bars.
                return (await store.ReadAsync(from, cancellationToken)).Days;
            }
        }
    }
}
