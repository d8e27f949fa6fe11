using System.Net;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Infrastructure.Templates;
using StatusComms.Publishing;
using StatusComms.StatusPage;
using StatusComms.Uptime;

namespace StatusComms.Infrastructure.Tests.Templates;

public sealed class RazorLightSiteRendererTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly RazorLightSiteRenderer Renderer = new(Path.Combine(AppContext.BaseDirectory, "templates"));
    private static readonly IReadOnlyDictionary<DateOnly, UptimeDay> NoUptime = new Dictionary<DateOnly, UptimeDay>();
    private const string Evil = "<script>alert('x')</script> & \"quoted\"";

    [Fact]
    public async Task The_index_shows_the_status_in_words_and_encodes_what_people_typed()
    {
        var html = await Renderer.RenderAsync(SiteTemplate.Index, SiteViewBuilder.Index(Content(), new SiteAssets("/assets/site.css"), NoUptime), CancellationToken.None);

        Assert.Contains("Major System Outage", html, StringComparison.Ordinal);
        Assert.Contains("Major outage", html, StringComparison.Ordinal);
        Assert.Contains("Operational", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2026-11-25T10:00:00Z\">25 Nov 2026, 10:00 UTC</time>", html, StringComparison.Ordinal);
        Assert.Contains("Next update by <time datetime=\"2026-11-25T10:30:00Z\">10:30 UTC</time>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_banner_names_the_affected_components_and_links_to_their_rows()
    {
        var html = await Renderer.RenderAsync(SiteTemplate.Index, SiteViewBuilder.Index(Content(), new SiteAssets("/assets/site.css"), NoUptime), CancellationToken.None);

        var banner = html[html.IndexOf("class=\"banner", StringComparison.Ordinal)..html.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains("Affected: <a href=\"#c-api\">API &lt;script&gt;", banner, StringComparison.Ordinal);
        Assert.Contains("(major outage)", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("Dashboard", banner, StringComparison.Ordinal);
        Assert.Contains("<li id=\"c-api\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_incident_page_lists_updates_newest_first()
    {
        var content = Content();
        var incident = content.OpenIncidents[0];
        incident.PostUpdate(new IncidentCommand { Status = IncidentStatus.Identified, Body = "Second: a bad config push.", Author = "lead" }, content.Components.ToDictionary(c => c.Id), Now.AddMinutes(10));

        var html = await Renderer.RenderAsync(SiteTemplate.Incident, SiteViewBuilder.IncidentPage(content, incident, new SiteAssets("/assets/site.css")), CancellationToken.None);

        var second = html.IndexOf("Second: a bad config push.", StringComparison.Ordinal);
        var first = html.IndexOf("First words", StringComparison.Ordinal);
        Assert.True(second > 0 && first > second, "newest first");
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_shows_each_month_with_its_incidents_and_links_to_older_months()
    {
        var content = Content();
        IncidentSummary[] incidents =
        [
            new("old1", "Login outage", IncidentStatus.Resolved, IncidentImpact.Major, Now.AddDays(-2), Now.AddDays(-2), Now.AddDays(-2), Now.AddDays(-2).AddMinutes(52)),
            new("old2", "Slow search", IncidentStatus.Resolved, IncidentImpact.Minor, Now.AddDays(-40), Now.AddDays(-40), Now.AddDays(-40), Now.AddDays(-40).AddHours(3)),
        ];
        var first = SiteViewBuilder.HistoryWindowStart(Now);

        var html = await Renderer.RenderAsync(SiteTemplate.History, SiteViewBuilder.History(content, new SiteAssets("/assets/site.css"), first, SiteViewBuilder.MonthOf(Now), incidents, new DateOnly(2026, 3, 1), isWindow: true), CancellationToken.None);

        Assert.Contains("Login outage", html, StringComparison.Ordinal);
        Assert.Contains("lasted 52 minutes", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/incidents/old1.html\"", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("November 2026", StringComparison.Ordinal) < html.IndexOf("October 2026", StringComparison.Ordinal), "newest month first");
        Assert.Contains("September 2026", html, StringComparison.Ordinal);
        Assert.Contains("No incidents reported this month.", html, StringComparison.Ordinal); // September
        Assert.Contains("href=\"/history/2026-03.html\" rel=\"next\">Older incidents: March 2026", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uptime_bars_are_drawn_without_script_and_every_eventful_day_is_told_in_words()
    {
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var seconds = new long[5];
        seconds[(int)ComponentStatus.Operational] = 86_400 - 720;
        seconds[(int)ComponentStatus.MajorOutage] = 720;
        var days = new Dictionary<DateOnly, UptimeDay>
        {
            [today.AddDays(-1)] = new(today.AddDays(-1), new Dictionary<string, StatusSeconds> { ["api"] = new(seconds) }, [new DayIncident("inc9", "Payments <down>", ["api"])]),
            [today] = new(today, new Dictionary<string, StatusSeconds> { ["api"] = new([36_000, 0, 0, 0, 0]) }, []),
        };

        var html = await Renderer.RenderAsync(SiteTemplate.Index, SiteViewBuilder.Index(Content(), new SiteAssets("/assets/site.css"), days), CancellationToken.None);

        // Two showcased components, 90 bars each, drawn as dashed strokes, one per run of days of one kind.
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(html, "<svg class=\"bars\" viewBox=\"0 0 449 24\" preserveAspectRatio=\"none\" aria-hidden=\"true\""));
        var drawn = System.Text.RegularExpressions.Regex.Matches(html, "<path class=\"u-[a-z_]+(?: t)?\" d=\"([^\"]+)\"/>").Sum(m => UptimeChartView.DaysDrawnBy(m.Groups[1].Value));
        Assert.Equal(180, drawn);
        Assert.Contains("<path class=\"u-major_outage t\" d=\"M440 12h5\"/>", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2026-11-24\">24 Nov 2026</time>: Major outage 12 min. Incidents: Payments &lt;down&gt;.", html, StringComparison.Ordinal);
        Assert.Contains("99.41% uptime over the last 90 days", html, StringComparison.Ordinal); // 720 s down of 122,400 tracked
        Assert.Contains("1 day more with no downtime; no data for 88 days.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Warming_up_compiles_every_template()
    {
        var renderer = new RazorLightSiteRenderer(Path.Combine(AppContext.BaseDirectory, "templates"));

        await renderer.WarmUpAsync(CancellationToken.None);

        Assert.True(renderer.WarmUpTime > TimeSpan.Zero);
        Assert.Contains(renderer.StaticAssets, a => a.Name == "site.css" && a.ContentType.StartsWith("text/css", StringComparison.Ordinal));
    }

    private static SiteContent Content()
    {
        Component api = new() { Id = "api", Name = "API " + Evil, Description = "REST API", CreatedAt = Now.AddDays(-100), UpdatedAt = Now };
        Component web = new() { Id = "web", Name = "Dashboard", CreatedAt = Now.AddDays(-100), UpdatedAt = Now };
        var known = new Dictionary<string, Component> { ["api"] = api, ["web"] = web };
        var incident = Incident.Open(
            "inc1",
            "Payments down " + Evil,
            new IncidentCommand { Status = IncidentStatus.Investigating, Body = "First words " + Evil, Components = new Dictionary<string, ComponentStatus> { ["api"] = ComponentStatus.MajorOutage }, NextUpdateAt = Now.AddMinutes(30), Author = "lead" },
            null,
            null,
            known,
            Now);
        return new SiteContent(new PageSettings("acme", "Acme " + Evil, "https://status.acme.test", "Etc/UTC"), [api, web], [incident], [], [], Now);
    }
}
