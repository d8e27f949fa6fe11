using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using StatusComms.Site.Tests.Tools;

namespace StatusComms.Site.Tests;

/// <summary>
/// axe-core in headless Chromium finds no WCAG 2.2 A/AA violation on any page, in the light and the dark colour
/// scheme, and the page tells its status in words with JavaScript off.
/// </summary>
[Collection(PublishedSiteCollection.Name)]
public sealed class AccessibilityTests(PublishedSite site, Browser browser) : IClassFixture<Browser>
{
    private static readonly AxeRunOptions Wcag22AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
    };

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Axe_finds_no_wcag_22_aa_violation_on_any_page(ColorScheme scheme)
    {
        await using var context = await NewContextAsync(new() { ColorScheme = scheme, ReducedMotion = ReducedMotion.Reduce });
        var page = await context.NewPageAsync();
        var found = new List<string>();
        foreach (var path in site.HtmlPages)
        {
            await page.GotoAsync(new Uri(site.BaseAddress, path).ToString());
            var result = await page.RunAxe(Wcag22AA);
            Assert.True(result.Passes.Length > 10, $"{path}: axe ran only {result.Passes.Length} passing rules");
            found.AddRange(result.Violations.SelectMany(v => v.Nodes.Select(n => $"{path}: {v.Id} ({v.Impact}) {v.Help} at {n.Target}: {n.Html}")));
        }

        Assert.True(found.Count == 0, string.Join('\n', found));
    }

    [Fact]
    public async Task With_javascript_off_the_page_tells_the_status_incidents_and_times_in_words()
    {
        await using var context = await NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.BaseAddress.ToString());

        Assert.Equal("Major System Outage", (await page.Locator(".banner p").First.InnerTextAsync()).Trim());
        Assert.Equal(PublishedSite.ActiveIncidentCount, await page.Locator("article.incident h3").CountAsync());
        Assert.Matches("^\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2} UTC$", await page.Locator("article.incident time").First.InnerTextAsync());
        var statuses = await ReadAsScrolledToAsync(page.Locator(".components .status"));
        Assert.Contains("Major outage", statuses);
        Assert.Contains("Under maintenance", statuses);
        Assert.Contains("Operational", statuses);
    }

    [Fact]
    public async Task The_banner_names_the_affected_components_and_each_link_leads_to_its_row()
    {
        await using var context = await NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.BaseAddress.ToString());

        var affected = page.Locator(".banner .affected");
        Assert.StartsWith("Affected: ", (await affected.InnerTextAsync()).Trim(), StringComparison.Ordinal);
        var first = affected.Locator("a").First;
        var name = await first.InnerTextAsync();
        await first.ClickAsync();

        // The link lands on that component's row, and the row says it is not operational, in words.
        var target = page.Locator(":target");
        Assert.Contains(name, await target.Locator(".row > span").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.NotEqual("Operational", (await target.Locator(".status").First.InnerTextAsync()).Trim());
        Assert.True(await target.IsVisibleAsync());
    }

        [Fact]
    public async Task Status_is_never_told_by_colour_alone()
    {
        await using var context = await NewContextAsync(new());
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.BaseAddress.ToString());

        // Every coloured status mark sits next to the status in words, and the marks differ in shape too.
        var marks = page.Locator(".status .mark");
        Assert.Equal(await page.Locator(".status").CountAsync(), await marks.CountAsync());
        foreach (var text in await ReadAsScrolledToAsync(page.Locator(".status")))
        {
            Assert.False(string.IsNullOrWhiteSpace(text));
        }

        var shapes = await page.EvaluateAsync<string[]>(
            "() => ['operational','partial_outage','major_outage','under_maintenance','degraded_performance'].map(s => { const m = document.querySelector('.s-' + s + ' .mark'); const c = getComputedStyle(m); return [c.borderRadius, c.clipPath, c.transform, c.width, c.height].join('|'); })");
        Assert.True(shapes.Length == shapes.Distinct().Count(), string.Join("\n", shapes));
    }

    private Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options) => browser.Chromium.NewContextAsync(options);

    /// <summary>
    /// The text of each element as a reader sees it on reaching it: components below the first screen are rendered
    /// only when scrolled near (content-visibility: auto), so their rendered text is read after scrolling to each,
    /// allowing the browser a frame or two to render it. A label that is not there stays empty.
    /// </summary>
    private static async Task<IReadOnlyList<string>> ReadAsScrolledToAsync(ILocator elements)
    {
        var texts = new List<string>();
        var count = await elements.CountAsync();
        for (var i = 0; i < count; i++)
        {
            var element = elements.Nth(i);
            await element.ScrollIntoViewIfNeededAsync();
            var text = await element.InnerTextAsync();
            for (var wait = 0; string.IsNullOrWhiteSpace(text) && wait < 20; wait++)
            {
                await Task.Delay(50);
                text = await element.InnerTextAsync();
            }

            texts.Add(text.Trim());
        }

        return texts;
    }
}
