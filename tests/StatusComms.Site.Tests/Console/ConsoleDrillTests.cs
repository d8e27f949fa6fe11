using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using StatusComms.Functions.Tests.EndToEnd;

namespace StatusComms.Site.Tests.Console;

/// <summary>
/// A drill from the console in Chromium: the comms lead starts it from its script with the participants, works in it
/// (every screen says so), posts the first update through the usual compose screen onto the sandbox page, and ends
/// it; the report is scored from what was posted, the real page never shows it, and the mail reached a participant
/// only. axe finds no WCAG 2.2 A/AA violation on the drill screens, light and dark.
/// </summary>
// In the published site's collection: never beside Lighthouse, which measures how busy the two cores are.
[Collection(PublishedSiteCollection.Name)]
public sealed partial class ConsoleDrillTests(ConsoleHost console) : IClassFixture<ConsoleHost>
{
    private RunnerHost Host => console.Host;

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task A_comms_lead_runs_a_drill_from_the_console_and_reads_its_report(ColorScheme scheme)
    {
        await using var context = await console.NewContextAsync(new() { ColorScheme = scheme, ReducedMotion = ReducedMotion.Reduce, BypassCSP = true });
        var page = await context.NewPageAsync();
        await ConsoleHost.SignInAsync(page);
        var found = new List<string>();

        await page.GetByRole(AriaRole.Link, new() { Name = "Drills" }).ClickAsync();
        await AxeAsync(page, found);
        await page.GetByLabel("Scenario").SelectOptionAsync("payment-failure");
        var participant = $"drill-{scheme.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}"[..24] + "@example.com";
        await page.GetByLabel("Participants, one per line").FillAsync($"Grace Hopper <{participant}>, comms lead");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the drill" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        Assert.True(DrillPath().IsMatch(page.Url), $"{page.Url}: {await page.ContentAsync()}");
        var id = DrillPath().Match(page.Url).Groups[1].Value;
        Assert.Contains("Alerts fire", await page.Locator("ol.injects").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Drill: EU card payments failing", await page.Locator(".drill-banner").InnerTextAsync(), StringComparison.Ordinal);
        await AxeAsync(page, found);

        // Working in the drill: the usual screens, on the sandbox page.
        await page.GetByRole(AriaRole.Link, new() { Name = "New incident" }).ClickAsync();
        Assert.Contains("sandbox page", await page.Locator(".drill-banner").InnerTextAsync(), StringComparison.Ordinal);
        var title = $"Drill {scheme}: card payments failing in the EU";
        await page.GetByLabel("Incident title").FillAsync(title);
        await page.GetByLabel("Message to customers").FillAsync("Since 09:12 UTC about 40% of card payments from EU customers are declined at checkout. Please do not retry a declined payment: we are checking whether anyone was charged twice.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post to customers" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/console/incidents/[a-z0-9]+\\?posted=1$"));
        var incident = Regex.Match(page.Url, "/console/incidents/([a-z0-9]+)").Groups[1].Value;
        Assert.Contains(title, await Host.SiteAsync($"/drills/{id}/"), StringComparison.Ordinal);
        Assert.Null(await Host.SiteAsync($"/incidents/{incident}.html"));
        Assert.DoesNotContain(title, await Host.SiteAsync("/"), StringComparison.Ordinal);

        // The end, and the report.
        await page.Locator(".drill-banner").GetByRole(AriaRole.Link, new() { Name = "The drill" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "End the drill and score it" }).ClickAsync();
        var report = page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Report: \\d+ of 100$") });
        await report.WaitForAsync();
        Assert.Equal(0, await page.Locator(".drill-banner").CountAsync());
        Assert.Contains("Posted", await page.Locator("table.report").InnerTextAsync(), StringComparison.Ordinal);
        await AxeAsync(page, found);
        await page.GetByRole(AriaRole.Link, new() { Name = "All drills" }).ClickAsync();
        Assert.Contains("of 100", await page.Locator("table").First.InnerTextAsync(), StringComparison.Ordinal);

        // Back on the real page: no banner, and the drill's incident is not there.
        await page.GetByRole(AriaRole.Link, new() { Name = "Now" }).ClickAsync();
        Assert.Equal(0, await page.Locator(".drill-banner").CountAsync());
        Assert.DoesNotContain(title, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        var mails = Host.Mails().Select(Eml.Parse).Where(m => m.To == participant).Select(m => m.Subject).ToArray();
        Assert.Contains($"[Drill] [Acme Cloud (drill)] Investigating: {title}", mails);
        Assert.True(found.Count == 0, string.Join('\n', found));
    }

    private static async Task AxeAsync(IPage page, List<string> found)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] } }).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(result.Passes.Length > 5, $"{page.Url}: axe ran only {result.Passes.Length} passing rules");
        found.AddRange(result.Violations.SelectMany(v => v.Nodes.Select(n => $"{page.Url}: {v.Id} ({v.Impact}) {v.Help} at {n.Target}: {n.Html}")));
    }

    [GeneratedRegex("/console/drills/([0-9a-f]{16})$")]
    private static partial Regex DrillPath();
}
