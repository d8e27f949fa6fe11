using System.Globalization;
using StatusComms.Common;
using StatusComms.Components;
using StatusComms.StatusPage;

namespace StatusComms.Uptime;

/// <summary>Turns daily roll-ups into a component's 90 bars, its uptime percentage and the words for each day.</summary>
public static class UptimeViewBuilder
{
    /// <param name="since">
    /// When the component was added. A component younger than the 90 days is measured over the days it existed, and
    /// the figure says since when: "99.50% uptime since 2 Dec 2026", never "over the last 90 days".
    /// </param>
    public static UptimeView For(string componentId, IReadOnlyDictionary<DateOnly, UptimeDay> days, DateOnly today, UptimeWeights weights, DateTimeOffset? since = null)
    {
        var bars = new List<UptimeBarView>(UptimeAccounting.Days);
        var eventful = new List<UptimeDayView>();
        var quiet = 0;
        double tracked = 0, down = 0;
        var first = today.AddDays(-(UptimeAccounting.Days - 1));
        var born = since is { } created ? DateOnly.FromDateTime(created.UtcDateTime) : (DateOnly?)null;
        for (var date = first; date <= today; date = date.AddDays(1))
        {
            var day = days.GetValueOrDefault(date);
            var seconds = day?.Components.GetValueOrDefault(componentId);
            if (day is null || seconds is null || seconds.Total == 0 || date < born)
            {
                bars.Add(new UptimeBarView("u-none", null));
                continue;
            }

            tracked += seconds.Total;
            foreach (var status in Enum.GetValues<ComponentStatus>())
            {
                down += seconds[status] * weights.Of(status);
            }

            var worst = seconds.Worst ?? ComponentStatus.Operational;
            var affecting = day.Incidents.Where(i => i.Affects(componentId)).ToArray();
            var incidents = affecting.Take(UptimeDay.MaxNamedIncidents).Select(i => i.Name).ToList();
            if (affecting.Length > UptimeDay.MaxNamedIncidents)
            {
                incidents.Add($"and {affecting.Length - UptimeDay.MaxNamedIncidents} more");
            }

            if (worst == ComponentStatus.Operational && incidents.Count == 0)
            {
                quiet++;
                bars.Add(new UptimeBarView("u-operational", null));
                continue;
            }

            var minutes = Minutes(seconds);
            var label = StatusLabels.For(worst);
            eventful.Add(new UptimeDayView(date, label, minutes, incidents));
            bars.Add(new UptimeBarView(
                "u-" + WireName.Of(worst),
                $"{date.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}: {minutes}{(incidents.Count > 0 ? "; " + string.Join(", ", incidents) : string.Empty)}"));
        }

        var summary = tracked == 0
            ? "No uptime data yet"
            : born > first
                ? $"{Percentage(1 - (down / tracked))} uptime since {(born == today ? SiteFormat.Clock(since!.Value) + " today" : born.Value.ToString("d MMM yyyy", CultureInfo.InvariantCulture))}, when it was added"
                : $"{Percentage(1 - (down / tracked))} uptime over the last 90 days";
        eventful.Reverse();
        return new UptimeView(summary, bars, eventful, quiet);
    }

    /// <summary>Two decimals, never rounded up to a perfect 100% while any downtime counted.</summary>
    public static string Percentage(double fraction)
    {
        var hundredths = Math.Floor((fraction * 10_000) + 1e-9) / 100; // 1 - 480/600 is 0.19999…96 in binary: 20.00%, not 19.99%
        return hundredths.ToString("0.00", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>"Major outage 12 min, partial outage 1 h 5 min", worst first; "No downtime" when all operational.</summary>
    private static string Minutes(StatusSeconds seconds)
    {
        var parts = Enum.GetValues<ComponentStatus>()
            .Where(s => s != ComponentStatus.Operational && seconds[s] > 0)
            .OrderDescending()
            .Select(s => $"{StatusLabels.For(s)} {Span(seconds[s])}")
            .ToArray();
        return parts.Length == 0 ? "No downtime" : string.Join(", ", parts.Select((p, i) => i == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
    }

    private static string Span(long seconds)
    {
        var minutes = (long)Math.Ceiling(seconds / 60.0);
        return minutes < 60 ? $"{minutes} min" : minutes % 60 == 0 ? $"{minutes / 60} h" : $"{minutes / 60} h {minutes % 60} min";
    }
}
