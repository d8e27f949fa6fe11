using System.Text.Json.Nodes;
using StatusComms.Site.Tests.Tools;

namespace StatusComms.Site.Tests;

/// <summary>
/// Lighthouse (npm, with Debian's Chromium, its default mobile profile and simulated slow 4G) scores the key pages
/// 100 for performance, accessibility and best practices, and at least 90 for SEO.
/// </summary>
/// <remarks>
/// Lighthouse's own guidance on variability is to run it several times and take the median (five runs halve the
/// spread of one): its simulated timings scale what the CPU actually did, so a busy machine moves the performance
/// score from run to run. Each page is judged by the median of five runs, stopping as soon as three agree. Before
/// the first judged run, one run is made and not judged: on a fresh machine Chromium's first start builds its font
/// and disk caches, which Lighthouse records as a long unattributable task on whatever page comes first.
/// </remarks>
[Collection(PublishedSiteCollection.Name)]
public sealed class LighthouseTests(PublishedSite site, Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly string[] Categories = ["performance", "accessibility", "best-practices", "seo"];

    private const int Runs = 5;

    private static readonly SemaphoreSlim WarmUp = new(1, 1);

    private static bool _warm;

    public static TheoryData<int> KeyPages => new() { 0, 1, 2, 3 };

    [Theory]
    [MemberData(nameof(KeyPages))]
    public async Task Lighthouse_scores_the_page_100_for_performance_accessibility_and_best_practices(int key)
    {
        var path = site.KeyPages[key];
        await WarmUpAsync();
        var runs = new List<Run>();
        const int median = (Runs / 2) + 1;
        while (runs.Count(r => r.Meets) < median && runs.Count(r => !r.Meets) < median)
        {
            runs.Add(await RunAsync(path, $"lighthouse-{key}-{runs.Count + 1}.json"));
        }

        var report = string.Join('\n', runs.Select((r, i) => $"run {i + 1}: {r.Summary}"));
        output.WriteLine($"{path}\n{report}");
        Assert.True(runs.Count(r => r.Meets) >= median, $"{path}, median of {Runs} runs below the bar:\n{report}");
    }

    private async Task WarmUpAsync()
    {
        await WarmUp.WaitAsync();
        try
        {
            if (!_warm)
            {
                var run = await RunAsync(site.KeyPages[0], "lighthouse-warm-up.json");
                output.WriteLine($"warm-up run, not judged: {run.Summary}");
                _warm = true;
            }
        }
        finally
        {
            WarmUp.Release();
        }
    }

    private async Task<Run> RunAsync(string path, string reportName)
    {
        var report = Path.Combine(site.Folder, reportName);
        var (exit, _, stderr) = await Tooling.RunAsync(
            "node",
            [
                Tooling.NodeModule("lighthouse/cli/index.js"),
                new Uri(site.BaseAddress, path).ToString(),
                "--quiet",
                "--output=json",
                $"--output-path={report}",
                "--only-categories=" + string.Join(',', Categories),
                "--chrome-flags=" + string.Join(' ', Tooling.ChromiumFlags),
            ],
            TimeSpan.FromMinutes(3),
            new Dictionary<string, string> { ["CHROME_PATH"] = Tooling.Chromium });
        Assert.True(exit == 0, $"lighthouse exited {exit}: {stderr}");

        var result = JsonNode.Parse(await File.ReadAllTextAsync(report))!;
        Assert.Null(result["runtimeError"]);
        var scores = Categories.ToDictionary(c => c, c => (double?)result["categories"]![c]!["score"] ?? 0);
        var shortfalls = result["audits"]!.AsObject()
            .Select(a => a.Value!)
            .Where(a => (double?)a["score"] is < 1 && (string?)a["scoreDisplayMode"] is "binary" or "numeric" or "metricSavings")
            .Select(a => $"{a["id"]} {a["score"]} {a["displayValue"]}");
        var meets = scores["performance"] == 1 && scores["accessibility"] == 1 && scores["best-practices"] == 1 && scores["seo"] >= 0.9;
        return new Run(meets, $"{string.Join(", ", scores.Select(s => $"{s.Key} {s.Value * 100:F0}"))}; below 1: {string.Join("; ", shortfalls)}");
    }

    private sealed record Run(bool Meets, string Summary);
}
