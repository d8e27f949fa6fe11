using System.IO.Compression;
using System.Text;
using StatusComms.Benchmarks;
using StatusComms.Infrastructure.Templates;
using StatusComms.Publishing;
using StatusComms.StatusPage;

namespace StatusComms.Infrastructure.Tests.Templates;

/// <summary>
/// What the benchmark's front page (50 components, 90 days of uptime each, 3 open incidents) costs, in the figures
/// that do not depend on the machine: its gzipped bytes and the memory one render allocates. A regression fails
/// here instead of waiting for someone to run the benchmarks (docs/benchmarks.md has the timed figures).
/// </summary>
public sealed class RenderBudgetTests
{
    private static readonly RazorLightSiteRenderer Renderer = new(Path.Combine(AppContext.BaseDirectory, "templates"));

    /// <summary>Issue #14's target for this page.</summary>
    private const int GzippedBudget = 14 * 1024;

    /// <summary>
    /// Measured at 239,518 B per render when this was written (the page itself is about 34,000 characters); the
    /// budget leaves room for template changes, not for a second pass over the page or a copy per component.
    /// </summary>
    private const long AllocationBudget = 400_000;

    [Fact]
    public async Task The_benchmark_front_page_stays_under_its_gzipped_budget_and_its_allocation_budget()
    {
        var view = SiteViewBuilder.Index(Scenario.Content(50, 3), new SiteAssets("/assets/site.css"), Scenario.Uptime());
        var html = await Renderer.RenderAsync(SiteTemplate.Index, view, CancellationToken.None);
        for (var i = 0; i < 5; i++)
        {
            await Renderer.RenderAsync(SiteTemplate.Index, view, CancellationToken.None); // compiled and warm
        }

        var allocated = await AllocatedAsync(() => Renderer.RenderAsync(SiteTemplate.Index, view, CancellationToken.None));

        Assert.Equal(50 - 5, html.Split("class=\"bars\"").Length - 1); // every component's 90 bars are on it
        var gzipped = Gzipped(html);
        Assert.True(gzipped <= GzippedBudget, $"index.html is {gzipped:N0} B gzipped ({Encoding.UTF8.GetByteCount(html):N0} B), over {GzippedBudget:N0} B");
        Assert.True(allocated <= AllocationBudget, $"one render allocated {allocated:N0} B, over {AllocationBudget:N0} B");
    }

    private static Task<long> AllocatedAsync(Func<Task<string>> render)
        => Task.Run(() =>
        {
            // A compiled template renders without yielding, so the whole render runs on this thread and its
            // allocations are this thread's alone (other tests running at once do not count).
            const int renders = 20;
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < renders; i++)
            {
                var rendering = render();
                Assert.True(rendering.IsCompleted, "a warm render finished synchronously");
            }

            return (GC.GetAllocatedBytesForCurrentThread() - before) / renders;
        });

    private static int Gzipped(string html)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(html));
        }

        return (int)buffer.Length;
    }
}
