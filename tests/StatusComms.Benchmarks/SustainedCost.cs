using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StatusComms.Publishing;

namespace StatusComms.Benchmarks;

/// <summary>
/// Sustained updates through the management API of the local runner, as alerting integrations post them: several
/// writers at once, no If-Match, each PATCH answered only once its update is on the published page (so a request's
/// latency is the time from sending the update to the new text being published). Reports updates per second, the
/// latency percentiles, how many publishes served them, and whether the last update of each incident is on its page.
/// </summary>
public static class SustainedCost
{
    public static async Task<int> RunAsync(string storage, int writers, TimeSpan duration)
    {
        await using var runner = await InProcessRunner.StartAsync(storage);
        using var client = new HttpClient { BaseAddress = runner.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("OAuth", InProcessRunner.ApiKey);
        var api = $"api/v1/pages/{InProcessRunner.PageId}/";

        var components = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var created = await SendAsync(client, HttpMethod.Post, api + "components", new { component = new { name = $"Service {i}" } }, HttpStatusCode.Created);
            components.Add((string)created["id"]!);
        }

        var incidents = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var created = await SendAsync(client, HttpMethod.Post, api + "incidents", new
            {
                incident = new
                {
                    name = $"Webhook deliveries delayed in region {i}",
                    body = "Webhooks arrive up to 10 minutes late for all customers in this region.",
                    impact_override = "minor",
                    component_ids = new[] { components[i] },
                    next_update_at = DateTimeOffset.UtcNow.AddMinutes(30),
                },
            }, HttpStatusCode.Created);
            incidents.Add((string)created["id"]!);
        }

        var publishes = runner.Services.GetRequiredService<PublishAfterChange>();
        var (roundsBefore, busyBefore) = (publishes.Rounds, publishes.Busy);
        var latencies = new List<double>();
        var last = new string[incidents.Count];
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async writer =>
        {
            for (var n = 0; clock.Elapsed < duration; n++)
            {
                var target = (writer + n) % incidents.Count;
                var body = $"Update {writer}.{n}: {n % 100} of 100 delayed webhook batches are delivered.";
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await SendAsync(client, HttpMethod.Patch, api + $"incidents/{incidents[target]}", new { incident = new { body, next_update_at = DateTimeOffset.UtcNow.AddMinutes(30) } }, HttpStatusCode.OK);
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref failures);
                    continue;
                }

                var took = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (latencies)
                {
                    latencies.Add(took);
                    last[target] = body;
                }
            }
        }));
        var elapsed = clock.Elapsed;
        var rounds = publishes.Rounds - roundsBefore;
        var busy = publishes.Busy - busyBefore;

        // Each incident's page, read from the site as customers get it, carries the last update answered for it.
        using var anonymous = new HttpClient { BaseAddress = runner.BaseAddress };
        var onPage = 0;
        for (var i = 0; i < incidents.Count; i++)
        {
            var html = await anonymous.GetStringAsync(new Uri($"incidents/{incidents[i]}.html", UriKind.Relative));
            onPage += last[i] is { } body && html.Contains(body, StringComparison.Ordinal) ? 1 : 0;
        }

        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Max(0, (int)Math.Ceiling(p / 100 * latencies.Count) - 1)];
        Console.WriteLine($"| writers | updates | updates/s | accept → page p50 | p99 | publishes | mean publish + queueing | refused | last update on its page |");
        Console.WriteLine($"| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| {writers} | {latencies.Count} | {latencies.Count / elapsed.TotalSeconds:F1} | {Percentile(50):F0} ms | {Percentile(99):F0} ms | {rounds} | {(rounds == 0 ? 0 : busy.TotalMilliseconds / rounds):F0} ms | {failures} | {onPage} of {incidents.Count} |");
        return 0;
    }

    private static async Task<JsonNode> SendAsync(HttpClient client, HttpMethod method, string path, object body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!;
    }
}
