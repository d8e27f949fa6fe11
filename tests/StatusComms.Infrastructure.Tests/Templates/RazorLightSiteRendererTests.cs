using System.Net;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Infrastructure.Templates;
using StatusComms.Publishing;
using StatusComms.StatusPage;

namespace StatusComms.Infrastructure.Tests.Templates;

public sealed class RazorLightSiteRendererTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly RazorLightSiteRenderer Renderer = new(Path.Combine(AppContext.BaseDirectory, "templates"));
    private const string Evil = "<script>alert('x')</script> & \"quoted\"";

    [Fact]
    public async Task The_index_shows_the_status_in_words_and_encodes_what_people_typed()
    {
        var html = await Renderer.RenderAsync(SiteTemplate.Index, SiteViewBuilder.Index(Content(), "/assets/site.css"), CancellationToken.None);

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
    public async Task The_incident_page_lists_updates_newest_first()
    {
        var content = Content();
        var incident = content.OpenIncidents[0];
        incident.PostUpdate(new UpdateRequest { Status = IncidentStatus.Identified, Body = "Second: a bad config push.", Author = "lead" }, content.Components.ToDictionary(c => c.Id), Now.AddMinutes(10));

        var html = await Renderer.RenderAsync(SiteTemplate.Incident, SiteViewBuilder.IncidentPage(content, incident, "/assets/site.css"), CancellationToken.None);

        var second = html.IndexOf("Second: a bad config push.", StringComparison.Ordinal);
        var first = html.IndexOf("First words", StringComparison.Ordinal);
        Assert.True(second > 0 && first > second, "newest first");
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_lists_resolved_incidents_with_their_duration()
    {
        var content = Content() with
        {
            RecentIncidents = [new IncidentSummary("old1", "Login outage", IncidentStatus.Resolved, IncidentImpact.Major, Now.AddDays(-2), Now.AddDays(-2), Now.AddDays(-2), Now.AddDays(-2).AddMinutes(52))],
        };

        var html = await Renderer.RenderAsync(SiteTemplate.History, SiteViewBuilder.History(content, "/assets/site.css"), CancellationToken.None);

        Assert.Contains("Login outage", html, StringComparison.Ordinal);
        Assert.Contains("lasted 52 minutes", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/incidents/old1.html\"", html, StringComparison.Ordinal);
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
        Component api = new() { Id = "api", Name = "API " + Evil, Description = "REST API", CreatedAt = Now, UpdatedAt = Now };
        Component web = new() { Id = "web", Name = "Dashboard", CreatedAt = Now, UpdatedAt = Now };
        var known = new Dictionary<string, Component> { ["api"] = api, ["web"] = web };
        var incident = Incident.Open(
            "inc1",
            "Payments down " + Evil,
            new UpdateRequest { Status = IncidentStatus.Investigating, Body = "First words " + Evil, Components = new Dictionary<string, ComponentStatus> { ["api"] = ComponentStatus.MajorOutage }, NextUpdateAt = Now.AddMinutes(30), Author = "lead" },
            null,
            null,
            known,
            Now);
        return new SiteContent(new PageSettings("acme", "Acme " + Evil, "https://status.acme.test", "Etc/UTC"), [api, web], [incident], [], [], Now);
    }
}
