using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using StatusComms.Core.Tests.PublicApi;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>What widgets, feed readers and browsers get from the published site, through the local runner.</summary>
public sealed class PublicSiteTests : RunnerTest
{
    private static readonly string[] ApiFiles =
    [
        "summary.json", "status.json", "components.json", "incidents.json", "incidents/unresolved.json",
        "scheduled-maintenances.json", "scheduled-maintenances/upcoming.json", "scheduled-maintenances/active.json",
    ];

    [Fact]
    public async Task The_statuspage_api_files_are_published_valid_and_readable_from_any_origin()
    {
        var api = (string)(await Host.CreateComponentAsync("Card payments"))["id"]!;
        var (created, _) = await Host.CreateIncidentAsync(new
        {
            name = "Card payments failing in the EU",
            body = "About 40% of card payments in the EU fail with error 502. Retrying may work.",
            components = new Dictionary<string, string> { [api] = "partial_outage" },
            next_update_at = RunnerHost.Soon(),
        });
        var id = (string)created["id"]!;

        foreach (var file in ApiFiles)
        {
            var response = await Host.Anonymous.GetAsync("api/v2/" + file);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.Equal(StatusComms.Publishing.CachePolicy.Current, response.Headers.CacheControl?.ToString());
            var json = await response.Content.ReadAsStringAsync();
            var errors = StatuspageSchemas.Validate(file, json);
            Assert.True(errors.Count == 0, $"{file}: {string.Join('\n', errors)}");

            using var head = new HttpRequestMessage(HttpMethod.Head, "api/v2/" + file);
            var headResponse = await Host.Anonymous.SendAsync(head);
            Assert.Equal(HttpStatusCode.OK, headResponse.StatusCode);
            Assert.Equal(json.Length, headResponse.Content.Headers.ContentLength);
        }

        var summary = JsonNode.Parse((await Host.SiteAsync("/api/v2/summary.json"))!)!;
        Assert.Equal("major", (string?)summary["status"]!["indicator"]);
        Assert.Equal(id, (string?)summary["incidents"]![0]!["id"]);
        Assert.Equal("partial_outage", (string?)summary["components"]![0]!["status"]);
        var unresolved = await Host.SiteAsync("/api/v2/incidents/unresolved.json");
        Assert.DoesNotContain("\"author\"", unresolved, StringComparison.Ordinal);
        Assert.DoesNotContain("candor", unresolved, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feeds_badge_and_history_follow_an_incident_to_resolution()
    {
        await Host.CreateComponentAsync("Sign-in");
        var (created, etag) = await Host.CreateIncidentAsync(new { name = "Login slow for all users", body = "Sign-in takes up to 30 seconds for all users.", impact_override = "minor", next_update_at = RunnerHost.Soon() });
        var id = (string)created["id"]!;
        var badge = XDocument.Parse((await Host.SiteAsync("/badge.svg"))!);
        Assert.Contains("Minor Service Outage", badge.Root!.Attribute("aria-label")!.Value, StringComparison.Ordinal);

        var resolved = await Host.PatchIncidentAsync(id, new { status = "resolved", body = "Sign-in was slow for all users for 20 minutes. We're sorry." }, etag);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);

        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse((await Host.SiteAsync("/history.atom"))!);
        var entry = Assert.Single(feed.Root!.Elements(atom + "entry"));
        Assert.Equal($"https://status.acme.test/incidents/{id}.html", entry.Element(atom + "id")!.Value);
        Assert.StartsWith("<p><small>", entry.Element(atom + "content")!.Value, StringComparison.Ordinal);
        Assert.Contains("<strong>Resolved</strong> - Sign-in was slow", entry.Element(atom + "content")!.Value, StringComparison.Ordinal);
        var rss = XDocument.Parse((await Host.SiteAsync("/history.rss"))!);
        Assert.Single(rss.Root!.Element("channel")!.Elements("item"));

        badge = XDocument.Parse((await Host.SiteAsync("/badge.svg"))!);
        Assert.Contains("All Systems Operational", badge.Root!.Attribute("aria-label")!.Value, StringComparison.Ordinal);

        var history = await Host.SiteAsync("/history.html");
        Assert.Contains(DateTimeOffset.UtcNow.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), history, StringComparison.Ordinal);
        Assert.Contains($"href=\"/incidents/{id}.html\"", history, StringComparison.Ordinal);
        var index = await Host.SiteAsync("/");
        Assert.Contains("href=\"/history.atom\"", index, StringComparison.Ordinal);
        var drawn = System.Text.RegularExpressions.Regex.Matches(index!, "<path class=\"u-[a-z_]+(?: t)?\" d=\"([^\"]+)\"/>").Sum(m => StatusComms.StatusPage.UptimeChartView.DaysDrawnBy(m.Groups[1].Value));
        Assert.Equal(90, drawn);
    }

    [Fact]
    public async Task A_publish_with_nothing_new_writes_nothing()
    {
        await Host.CreateComponentAsync("API");

        // A component's first second on the page is news: "No uptime data yet" becomes "100.00% uptime since …"
        // (on a busy machine the two publishes below can fall either side of it). After that, nothing changes.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var first = await Host.Client.PostAsync("admin/functions/ReconcileSite", RunnerHost.Json(new { input = "" }));
        Assert.True(first.IsSuccessStatusCode);
        var before = await Host.Anonymous.GetAsync("api/v2/summary.json");
        var beforeBody = await before.Content.ReadAsStringAsync();

        var publisher = (StatusComms.Publishing.SitePublisher)Host.Services.GetService(typeof(StatusComms.Publishing.SitePublisher))!;
        var report = await publisher.PublishAsync(everything: true, CancellationToken.None);

        Assert.Equal(0, report.Written);
        Assert.True(report.Unchanged > 10, $"{report.Unchanged} unchanged");
        Assert.Equal(beforeBody, await Host.SiteAsync("/api/v2/summary.json"));
    }
}
