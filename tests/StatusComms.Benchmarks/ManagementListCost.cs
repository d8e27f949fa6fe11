using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using StatusComms.Components;
using StatusComms.Incidents;

namespace StatusComms.Benchmarks;

/// <summary>
/// The management API's incident list (GET incidents, Statuspage's default page of 30 with their updates) at a fixed
/// arrival rate, as automation polling the API sends it: requests leave on schedule whether or not earlier ones have
/// been answered, so a slow answer shows as latency, not as a lower rate. 50 components and 1,000 past incidents.
/// </summary>
public static class ManagementListCost
{
    public static async Task<int> RunAsync(string storage, int perSecond, TimeSpan duration, int pastIncidents)
    {
        await using var runner = await InProcessRunner.StartAsync(storage);
        Console.WriteLine($"Seeding 50 components, {pastIncidents:N0} past incidents and 3 open ones in table {runner.Unique} ...");
        await Scenario.SeedAsync(runner.Services.GetRequiredService<IComponentStore>(), runner.Services.GetRequiredService<IIncidentStore>(), TimeProvider.System, pastIncidents, openIncidents: 3);
        using var client = new HttpClient { BaseAddress = runner.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("OAuth", InProcessRunner.ApiKey);
        var path = new Uri($"api/v1/pages/{InProcessRunner.PageId}/incidents", UriKind.Relative);
        for (var i = 0; i < 20; i++)
        {
            await GetAsync(client, path);
        }

        var latencies = new List<double>();
        var sent = new List<Task>();
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        var clock = Stopwatch.StartNew();
        for (var n = 0; clock.Elapsed < duration; n++)
        {
            var due = interval * n;
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            sent.Add(Task.Run(async () =>
            {
                var took = await GetAsync(client, path);
                lock (latencies)
                {
                    latencies.Add(took);
                }
            }));
        }

        await Task.WhenAll(sent);
        latencies.Sort();
        double Percentile(double p) => latencies[Math.Max(0, (int)Math.Ceiling(p / 100 * latencies.Count) - 1)];
        Console.WriteLine("| rate | requests | p50 | p95 | p99 | max |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| {perSecond}/s | {latencies.Count} | {Percentile(50):F1} ms | {Percentile(95):F1} ms | {Percentile(99):F1} ms | {latencies[^1]:F1} ms |");
        return 0;
    }

    private static async Task<double> GetAsync(HttpClient client, Uri path)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK || !body.StartsWith('['))
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {body[..Math.Min(200, body.Length)]}");
        }

        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
