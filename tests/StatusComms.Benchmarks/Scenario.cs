using StatusComms.Common;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Maintenance;
using StatusComms.StatusPage;

namespace StatusComms.Benchmarks;

/// <summary>A realistic page: components in groups, a long history, a few open incidents.</summary>
public static class Scenario
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public static async Task<IReadOnlyDictionary<string, Component>> SeedAsync(IComponentStore components, IIncidentStore incidents, TimeProvider time, int pastIncidents, int openIncidents, Func<int, TimeSpan>? age = null)
    {
        var all = Components(50);
        foreach (var component in all)
        {
            await components.AddAsync(component, CancellationToken.None);
        }

        var known = all.ToDictionary(c => c.Id);
        var leaves = all.Where(c => !c.IsGroup).ToArray();
        var now = time.GetUtcNow();
        await Parallel.ForEachAsync(Enumerable.Range(0, pastIncidents), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, token) =>
        {
            var at = now - (age?.Invoke(i) ?? TimeSpan.FromHours(6 * (i + 1)));
            var incident = Incident.Open(Ids.NewId(), $"Past incident {i}", Update($"Errors on {leaves[i % leaves.Length].Name}.", leaves[i % leaves.Length].Id), null, null, known, at);
            incident.PostUpdate(new IncidentCommand { Status = IncidentStatus.Resolved, Body = "Resolved. We're sorry for the disruption.", Author = "bench" }, known, at.AddMinutes(45));
            await incidents.AddAsync(incident, token);
        });

        for (var i = 0; i < openIncidents; i++)
        {
            await incidents.AddAsync(Incident.Open(Ids.NewId(), $"Open incident {i}", Update("Elevated error rates; we are investigating.", leaves[i].Id), null, null, known, now), CancellationToken.None);
        }

        return known;
    }

    public static SiteContent Content(int componentCount, int openIncidents)
    {
        var components = Components(componentCount);
        var known = components.ToDictionary(c => c.Id);
        var leaves = components.Where(c => !c.IsGroup).ToArray();
        var open = Enumerable.Range(0, openIncidents)
            .Select(i => Incident.Open($"open{i}", $"Open incident {i}", Update("Elevated error rates for some API calls in the EU; we are investigating. Next update by 10:30 UTC.", leaves[i].Id), null, null, known, Start))
            .ToArray();
        return new SiteContent(new PageSettings("bench", "Benchmark Cloud", "https://status.example.com", "Etc/UTC"), components, open, [], Array.Empty<ScheduledMaintenance>(), Start);
    }

    /// <summary>90 full days of roll-ups for every component: one partial outage a week, a degraded hour every third day.</summary>
    public static IReadOnlyDictionary<DateOnly, StatusComms.Uptime.UptimeDay> Uptime(int componentCount = 50)
    {
        var today = DateOnly.FromDateTime(Start.UtcDateTime);
        var ids = Components(componentCount).Where(c => !c.IsGroup).Select(c => c.Id).ToArray();
        return Enumerable.Range(0, 90).Select(back => today.AddDays(-back)).ToDictionary(date => date, date =>
        {
            var n = date.DayNumber;
            return new StatusComms.Uptime.UptimeDay(
                date,
                ids.Select((id, i) => (id, seconds: new long[] { 86_400 - ((n + i) % 7 == 0 ? 1_800 : 0) - ((n + i) % 3 == 0 ? 3_600 : 0), 0, (n + i) % 3 == 0 ? 3_600 : 0, (n + i) % 7 == 0 ? 1_800 : 0, 0 }))
                    .ToDictionary(x => x.id, x => new StatusComms.Uptime.StatusSeconds(x.seconds)),
                n % 7 == 0 ? [new StatusComms.Uptime.DayIncident($"inc{n}", $"Elevated errors on day {n}", ids.Where((_, i) => (n + i) % 7 == 0).ToArray())] : []);
        });
    }

    private static Component[] Components(int count)
    {
        var groups = Enumerable.Range(0, 5).Select(g => new Component { Id = $"group{g}", Name = $"Group {g}", IsGroup = true, Position = g * 100, CreatedAt = Start, UpdatedAt = Start }).ToArray();
        var members = Enumerable.Range(0, count - groups.Length).Select(i => new Component
        {
            Id = $"component{i:D2}",
            Name = $"Component {i}",
            Description = $"What customers use component {i} for.",
            GroupId = groups[i % groups.Length].Id,
            Position = (i % groups.Length * 100) + i,
            CreatedAt = Start,
            UpdatedAt = Start,
        });
        return [.. groups, .. members];
    }

    private static IncidentCommand Update(string body, string componentId)
        => new()
        {
            Status = IncidentStatus.Investigating,
            Body = body,
            Components = new Dictionary<string, ComponentStatus> { [componentId] = ComponentStatus.PartialOutage },
            NextUpdateAt = Start.AddMinutes(30),
            Author = "bench",
        };
}
