using System.Globalization;
using System.Text.RegularExpressions;

namespace StatusComms.Publishing;

/// <summary>
/// How long a customer behind a CDN can see a page older than the last publish, for a Cache-Control policy: a
/// simulation of the edge (which keeps a copy for s-maxage, else max-age, from when it fetched it) and the browser
/// (which keeps the edge's copy for max-age, less the Age the edge reports when it does). Customers arrive at random
/// moments; each sees the copy the edge and their browser hold then. The figure is the longest, over every trial, from
/// a publish to the first moment a customer could still be shown the page from before it.
/// </summary>
public static partial class EdgeFreshness
{
    /// <param name="publish">How long a publish takes from the accepted change to the blob written (the benchmarks' p99).</param>
    /// <param name="edgeSendsAge">Whether the edge sends an Age header the browser subtracts (Azure Front Door does).</param>
    public static FreshnessFigures Simulate(string cacheControl, TimeSpan publish, bool edgeSendsAge, int trials = 100_000, int seed = 1)
    {
        var (edgeTtl, browserTtl) = Lifetimes(cacheControl);
        var random = new Random(seed);
        var worst = 0.0;
        var waits = new double[trials];
        for (var i = 0; i < trials; i++)
        {
            // The edge fetched its copy at some moment within its lifetime before the blob changed; a customer's
            // browser took that copy from the edge at some moment while the edge held it (before or after the change).
            var written = publish.TotalSeconds;
            var edgeFetched = written - (random.NextDouble() * edgeTtl);
            var edgeExpires = edgeFetched + edgeTtl;
            var browserFetched = edgeFetched + (random.NextDouble() * edgeTtl);
            var age = edgeSendsAge ? browserFetched - edgeFetched : 0;
            var browserExpires = browserFetched + Math.Max(0, browserTtl - age);

            // The old page can be shown until both copies a customer might be served from have expired.
            var staleUntil = Math.Max(written, Math.Max(edgeExpires, browserExpires));
            waits[i] = staleUntil;
            worst = Math.Max(worst, staleUntil);
        }

        Array.Sort(waits);
        return new FreshnessFigures(TimeSpan.FromSeconds(edgeTtl), TimeSpan.FromSeconds(browserTtl), TimeSpan.FromSeconds(waits[trials / 2]), TimeSpan.FromSeconds(waits[(int)(trials * 0.99)]), TimeSpan.FromSeconds(worst));
    }

    /// <summary>The edge's lifetime (s-maxage, else max-age) and the browser's (max-age), in seconds.</summary>
    public static (double Edge, double Browser) Lifetimes(string cacheControl)
    {
        ArgumentNullException.ThrowIfNull(cacheControl);
        double? Seconds(string name) => Directive(name).Match(cacheControl) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        var browser = Seconds("max-age") ?? 0;
        return (Seconds("s-maxage") ?? browser, browser);
    }

    private static Regex Directive(string name) => name == "s-maxage" ? SMaxAge() : MaxAge();

    [GeneratedRegex(@"(?:^|[,\s])s-maxage=(\d+)")]
    private static partial Regex SMaxAge();

    [GeneratedRegex(@"(?:^|[,\s])max-age=(\d+)")]
    private static partial Regex MaxAge();
}

/// <param name="Median">Half the publishes are out of every cache by then.</param>
/// <param name="Worst">The longest a customer can be shown the page from before a publish, after the change was accepted.</param>
public sealed record FreshnessFigures(TimeSpan EdgeLifetime, TimeSpan BrowserLifetime, TimeSpan Median, TimeSpan P99, TimeSpan Worst);
