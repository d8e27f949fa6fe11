using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using StatusComms.Candor;
using StatusComms.Incidents;

namespace StatusComms.Benchmarks;

/// <summary>
/// The candor check's cost per message on real text: every message of the development corpus (192 real status
/// updates and postmortem excerpts, 5 to 700 words), checked many times over on one thread after a warm-up.
/// Reports the mean, the p99 and the slowest message.   dotnet run -c Release --project tests/StatusComms.Benchmarks -- --candor
/// </summary>
internal static class CandorCost
{
    public static int Run()
    {
        var check = new CandorCheck(new CandorOptions());
        var now = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        var drafts = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "real-messages.jsonl"))
            .Where(line => line.Length > 0)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(row => new CandorDraft
            {
                Title = row.GetProperty("title").GetString(),
                Body = row.GetProperty("text").GetString()!,
                Stage = row.GetProperty("stage").GetString() switch
                {
                    "update" or "investigating" => IncidentStatus.Investigating,
                    "identified" => IncidentStatus.Identified,
                    "monitoring" => IncidentStatus.Monitoring,
                    "resolved" => IncidentStatus.Resolved,
                    _ => IncidentStatus.Postmortem,
                },
                Impact = IncidentImpact.Major,
                AffectedComponents = row.GetProperty("components").EnumerateArray().Select(c => c.GetString()!).ToArray(),
                Now = now,
            })
            .ToArray();

        foreach (var draft in drafts)
        {
            for (var i = 0; i < 50; i++)
            {
                check.Check(draft);
            }
        }

        const int rounds = 200;
        var perMessage = new double[drafts.Length];
        var total = Stopwatch.StartNew();
        for (var d = 0; d < drafts.Length; d++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < rounds; i++)
            {
                check.Check(drafts[d]);
            }

            perMessage[d] = clock.Elapsed.TotalMicroseconds / rounds;
        }

        var mean = total.Elapsed.TotalMicroseconds / (rounds * drafts.Length);
        var sorted = perMessage.Order().ToArray();
        var p99 = sorted[(int)Math.Ceiling(0.99 * sorted.Length) - 1];
        var slowest = Array.IndexOf(perMessage, sorted[^1]);
        var words = drafts[slowest].Body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"candor check, {drafts.Length} real messages × {rounds}, one thread: mean {mean:F1} µs, p99 {p99:F1} µs, slowest {sorted[^1]:F1} µs ({words} words)"));

        // The 60-word identified-stage update the main benchmark checks, for comparison with earlier figures.
        var typical = new CandorDraft
        {
            Title = "Card payments failing in the EU region",
            Body = "Since 09:42 UTC about 30% of card payments in the EU region fail with error 502. Retrying the payment usually works. "
                + "A configuration change removed one of our payment routes; we are restoring it now. We expect payments to recover within 30 minutes. Next update by 10:30 UTC.",
            Stage = IncidentStatus.Identified,
            Impact = IncidentImpact.Critical,
            AffectedComponents = ["Card payments", "API"],
            NextUpdateAt = now.AddMinutes(30),
            Now = now,
        };
        for (var i = 0; i < 2_000; i++)
        {
            check.Check(typical);
        }

        var typicalClock = Stopwatch.StartNew();
        for (var i = 0; i < 20_000; i++)
        {
            check.Check(typical);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"candor check of the 60-word identified update: {typicalClock.Elapsed.TotalMicroseconds / 20_000:F1} µs"));
        return 0;
    }
}
