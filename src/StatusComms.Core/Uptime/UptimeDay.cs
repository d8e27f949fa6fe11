using StatusComms.Components;

namespace StatusComms.Uptime;

/// <summary>
/// One UTC day's roll-up: for each component, the seconds it spent displayed in each status, and the incidents
/// that were open that day. Days are written as time passes, so the 90-day view reads 90 rows, never history.
/// </summary>
public sealed record UptimeDay(DateOnly Date, IReadOnlyDictionary<string, StatusSeconds> Components, IReadOnlyList<DayIncident> Incidents)
{
    /// <summary>At most this many incidents are named per day; a day with more says how many in total.</summary>
    public const int MaxNamedIncidents = 10;

    public static UptimeDay Empty(DateOnly date) => new(date, new Dictionary<string, StatusSeconds>(StringComparer.Ordinal), []);
}

/// <summary>Seconds spent in each <see cref="ComponentStatus"/>, indexed by the status's value.</summary>
public sealed record StatusSeconds(long[] Seconds)
{
    public static StatusSeconds None => new(new long[5]);

    public long this[ComponentStatus status] => Seconds[(int)status];

    [System.Text.Json.Serialization.JsonIgnore]
    public long Total => Seconds.Sum();

    public StatusSeconds Add(ComponentStatus status, long seconds)
    {
        var copy = (long[])Seconds.Clone();
        copy[(int)status] += seconds;
        return new StatusSeconds(copy);
    }

    /// <summary>The worst status held for any time that day, or null when nothing was recorded.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ComponentStatus? Worst
    {
        get
        {
            for (var i = Seconds.Length - 1; i >= 0; i--)
            {
                if (Seconds[i] > 0)
                {
                    return (ComponentStatus)i;
                }
            }

            return null;
        }
    }
}

/// <summary>An incident open on a day, as named on the uptime bars of the components it affected that day.</summary>
public sealed record DayIncident(string Id, string Name, IReadOnlyList<string> ComponentIds)
{
    /// <summary>Never null, also for a roll-up stored before incidents carried their components.</summary>
    public IReadOnlyList<string> ComponentIds { get; init; } = ComponentIds ?? [];

    public bool Affects(string componentId) => ComponentIds.Contains(componentId, StringComparer.Ordinal);
}

/// <summary>
/// Where uptime accounting has got to: the time up to which days are rolled up, and what every component showed
/// (and which incidents were open) at that time, which holds until the next account.
/// </summary>
public sealed record UptimeState(DateTimeOffset AccountedUntil, IReadOnlyDictionary<string, ComponentStatus> Statuses, IReadOnlyList<DayIncident> OpenIncidents);

/// <summary>How much of each status counts as downtime in the uptime percentage (Statuspage's defaults).</summary>
public sealed record UptimeWeights(double MajorOutage = 1.0, double PartialOutage = 0.3, double DegradedPerformance = 0.0)
{
    public static UptimeWeights Default { get; } = new();

    public double Of(ComponentStatus status) => status switch
    {
        ComponentStatus.MajorOutage => MajorOutage,
        ComponentStatus.PartialOutage => PartialOutage,
        ComponentStatus.DegradedPerformance => DegradedPerformance,
        _ => 0,
    };
}
