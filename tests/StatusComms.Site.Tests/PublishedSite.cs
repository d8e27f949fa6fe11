using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StatusComms.Components;
using StatusComms.Functions.Tests.EndToEnd;
using StatusComms.Uptime;

namespace StatusComms.Site.Tests;

/// <summary>
/// A status site at its busiest, published through the local runner against Azurite: 50 components in 5 groups,
/// 5 active incidents, a maintenance in progress and one upcoming, resolved incidents in the history, and 90 days of
/// uptime roll-ups with outages on some of them. Every quality check runs against this one site; the pages are also
/// saved to <see cref="Folder"/> for the command-line checkers.
/// </summary>
public sealed class PublishedSite : IAsyncLifetime
{
    public const int ComponentCount = 50;
    public const int ActiveIncidentCount = 5;

    private static readonly string[] Groups = ["Core platform", "Regions", "Integrations", "Data and analytics", "Communications"];

    private static readonly string[][] ComponentNames =
    [
        ["API", "Dashboard", "Sign-in and SSO", "Webhooks", "Billing", "Search", "File uploads", "Audit log", "Admin console", "Mobile apps"],
        ["Europe (Frankfurt)", "Europe (Dublin)", "UK (London)", "North America (Virginia)", "North America (Oregon)", "Canada (Montreal)", "South America (Sao Paulo)", "Asia (Tokyo)", "Asia (Singapore)", "Australia (Sydney)"],
        ["Slack app", "Microsoft Teams app", "GitHub integration", "Jira sync", "Salesforce connector", "Zapier", "PagerDuty", "Google Workspace", "Okta SCIM", "Terraform provider"],
        ["Reports", "Data exports", "Event ingestion", "Streaming API", "Warehouse sync", "Scheduled queries", "Dashboards sharing", "Metrics API", "Backups", "Data retention jobs"],
        ["Email notifications", "SMS notifications", "Push notifications", "Voice calls", "In-app messages", "Status emails", "Digest emails", "Transactional email API", "Inbound email", "Chat widget"],
    ];

    private readonly List<string> _incidentIds = [];

    public RunnerHost Host { get; private set; } = null!;

    public Uri BaseAddress => Host.Anonymous.BaseAddress!;

    /// <summary>Where the published pages were saved, by their site path (index.html, incidents/{id}.html, ...).</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "statuscomms-site-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The site paths of every published HTML page.</summary>
    public IReadOnlyList<string> HtmlPages { get; private set; } = [];

    /// <summary>The paths of the pages Lighthouse and axe look at: front page, an active incident, a resolved one, history.</summary>
    public IReadOnlyList<string> KeyPages { get; private set; } = [];

    public string StylesheetPath { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Host = await RunnerHost.StartAsync();
        var now = DateTimeOffset.UtcNow;

        var componentIds = new List<string>();
        for (var g = 0; g < Groups.Length; g++)
        {
            var ids = new List<string>();
            foreach (var name in ComponentNames[g])
            {
                ids.Add((string)(await Host.CreateComponentAsync(name))["id"]!);
            }

            var group = await Host.Client.PostAsync(RunnerHost.Api("component-groups"), RunnerHost.Json(new { component_group = new { name = Groups[g], description = $"{Groups[g]} services", components = ids } }));
            Assert.Equal(HttpStatusCode.Created, group.StatusCode);
            componentIds.AddRange(ids);
        }

        // History first, so that the active incidents are the newest.
        for (var i = 0; i < 6; i++)
        {
            var component = componentIds[(i * 7) % componentIds.Count];
            var (created, etag) = await Host.CreateIncidentAsync(new
            {
                name = $"Delayed event processing in {ComponentNames[(i * 7) % componentIds.Count / 10][(i * 7) % 10]}",
                status = "investigating",
                body = "Events sent to us are accepted but processed up to 20 minutes late. Nothing is lost. We are working out why.",
                components = new Dictionary<string, string> { [component] = "degraded_performance" },
                next_update_at = RunnerHost.Soon(),
                candor_override_reason = "quality fixture",
            });
            var resolved = await Host.PatchIncidentAsync((string)created["id"]!, new
            {
                status = "resolved",
                body = "Event processing caught up at 10:40 UTC and has run on time since. A queue worker ran out of memory; we have doubled its memory and added an alert. We're sorry for the delay.",
                components = new Dictionary<string, string> { [component] = "operational" },
            }, etag);
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
            _incidentIds.Add((string)created["id"]!);
        }

        string[] impacts = ["major_outage", "partial_outage", "degraded_performance", "partial_outage", "major_outage"];
        for (var i = 0; i < ActiveIncidentCount; i++)
        {
            var affected = componentIds.Skip(i * 10).Take(3).ToArray();
            var (created, etag) = await Host.CreateIncidentAsync(new
            {
                name = $"{ComponentNames[i][0]} errors for customers in {ComponentNames[1][i]}",
                status = "investigating",
                body = $"Since {now.AddMinutes(-40):HH:mm} UTC about 30% of requests to {ComponentNames[i][0]} from {ComponentNames[1][i]} fail with error 503. Retrying after a minute often works. We are sorry: we know this stops your work.",
                components = affected.ToDictionary(c => c, _ => impacts[i]),
                next_update_at = RunnerHost.Soon(),
                candor_override_reason = "quality fixture",
            });
            var identified = await Host.PatchIncidentAsync((string)created["id"]!, new
            {
                status = "identified",
                body = $"A configuration change at {now.AddMinutes(-45):HH:mm} UTC sent part of the traffic to servers that were being retired. We are moving it back now; requests that failed can be retried safely and no data was lost.",
                next_update_at = RunnerHost.Soon(20),
                candor_override_reason = "quality fixture",
            }, etag);
            Assert.Equal(HttpStatusCode.OK, identified.StatusCode);
            _incidentIds.Add((string)created["id"]!);
        }

        await ScheduleAsync("Database upgrade for Reports", now.AddMinutes(-20), now.AddHours(2), componentIds.Skip(35).Take(2));
        await ScheduleAsync("Network maintenance in Europe (Dublin)", now.AddDays(3), now.AddDays(3).AddHours(1), componentIds.Skip(11).Take(1));

        await PublishPostmortemAsync(_incidentIds[0]);
        await SeedUptimeAsync(componentIds, now);

        var published = await Host.Client.PostAsync(RunnerHost.Api("publish"), content: null);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        await SaveAsync();
    }

    public string Read(string path) => File.ReadAllText(Path.Combine(Folder, path));

    public byte[] ReadBytes(string path) => File.ReadAllBytes(Path.Combine(Folder, path));

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();

        // STATUSCOMMS_KEEP_SITE=1 keeps the saved pages (and Lighthouse reports) to look at.
        if (Directory.Exists(Folder) && Environment.GetEnvironmentVariable("STATUSCOMMS_KEEP_SITE") is not "1")
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    /// <summary>The first resolved incident gets a published postmortem, so its page is checked like every other.</summary>
    private async Task PublishPostmortemAsync(string incidentId)
    {
        async Task Send(HttpMethod method, string path, object body)
        {
            var response = await Host.Client.SendAsync(new HttpRequestMessage(method, RunnerHost.Api($"incidents/{incidentId}/postmortem{path}")) { Content = RunnerHost.Json(body) });
            Assert.True(response.IsSuccessStatusCode, $"{method} postmortem{path}: {await response.Content.ReadAsStringAsync()}");
        }

        await Send(HttpMethod.Post, string.Empty, new { });
        await Send(HttpMethod.Patch, string.Empty, new
        {
            postmortem = new
            {
                executive_summary = "For 20 minutes, events sent to us were processed up to 20 minutes late. Nothing was lost, and processing has been on time since.",
                root_cause = "A queue worker ran out of memory under a burst of large events, and restarted over and over until the queue drained.",
                apology = "We're sorry: for 20 minutes your events arrived late, and dashboards and alerts built on them were late too.",
            },
        });
        await Send(HttpMethod.Post, "/action-items", new { action_item = new { description = "Double the queue workers' memory and alert when a worker restarts twice in ten minutes", owner = "Data platform team", due_date = "2026-12-31", kind = "immediate_fix" } });
        await Send(HttpMethod.Post, "/status", new { status = "in_review" });
        await Send(HttpMethod.Post, "/status", new { status = "final" });
        await Send(HttpMethod.Post, "/publish", new { });
        _postmortemPage = $"postmortems/{incidentId}.html";
    }

    private string? _postmortemPage;

    private async Task ScheduleAsync(string name, DateTimeOffset from, DateTimeOffset until, IEnumerable<string> componentIds)
    {
        var response = await Host.Client.PostAsync(RunnerHost.Api("scheduled-maintenances"), RunnerHost.Json(new
        {
            scheduled_maintenance = new
            {
                name,
                body = $"We are upgrading the servers behind {name.Split(" for ", StringSplitOptions.None)[^1]}. It stays available, but may answer up to 2 seconds slower for a few minutes.",
                scheduled_for = from,
                scheduled_until = until,
                component_ids = componentIds,
                candor_override_reason = "quality fixture",
            },
        }));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>89 past days of roll-ups, as the publisher would have written them, with an outage every few days.</summary>
    private async Task SeedUptimeAsync(List<string> componentIds, DateTimeOffset now)
    {
        var store = Host.Services.GetRequiredService<IUptimeStore>();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var snapshot = await store.ReadAsync(today.AddDays(-89), CancellationToken.None);
        var days = new List<UptimeDay>();
        for (var back = 89; back >= 1; back--)
        {
            var date = today.AddDays(-back);
            var components = new Dictionary<string, StatusSeconds>(StringComparer.Ordinal);
            var incidents = new List<DayIncident>();
            for (var c = 0; c < componentIds.Count; c++)
            {
                var seconds = new long[5];
                seconds[(int)ComponentStatus.Operational] = 86_400;
                if ((back + c) % 17 == 0)
                {
                    var status = (ComponentStatus)(2 + ((back + c) % 3));
                    var down = 600 + (60 * ((back * c) % 90));
                    seconds[(int)ComponentStatus.Operational] -= down;
                    seconds[(int)status] = down;
                    incidents.Add(new DayIncident($"past{back}-{c}", $"{ComponentNames[c / 10][c % 10]} errors", [componentIds[c]]));
                }

                components[componentIds[c]] = new StatusSeconds(seconds);
            }

            days.Add(new UptimeDay(date, components, incidents.DistinctBy(i => i.Id).ToArray()));
        }

        var state = snapshot.State ?? new UptimeState(now, componentIds.ToDictionary(c => c, _ => ComponentStatus.Operational), []);
        Assert.NotNull(await store.TrySaveAsync(state, snapshot.Version, days, CancellationToken.None));
    }

    private async Task SaveAsync()
    {
        var pages = new List<string> { "index.html", "history.html", "404.html", _postmortemPage! };
        pages.AddRange(_incidentIds.Select(id => $"incidents/{id}.html"));
        var history = await Host.SiteAsync("/history.html") ?? string.Empty;
        pages.AddRange(System.Text.RegularExpressions.Regex.Matches(history, "href=\"/(history/[0-9-]+\\.html)\"").Select(m => m.Groups[1].Value));

        var index = await Host.SiteAsync("/") ?? throw new InvalidOperationException("index.html was not published");
        StylesheetPath = System.Text.RegularExpressions.Regex.Match(index, "href=\"/(assets/site\\.[0-9a-f]+\\.css)\"").Groups[1].Value;
        HtmlPages = pages.Distinct().ToArray();
        KeyPages = ["index.html", $"incidents/{_incidentIds[^1]}.html", $"incidents/{_incidentIds[0]}.html", "history.html"];

        foreach (var path in HtmlPages.Append(StylesheetPath).Append("badge.svg"))
        {
            var response = await Host.Anonymous.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
            var file = Path.Combine(Folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PublishedSiteCollection : ICollectionFixture<PublishedSite>
{
    public const string Name = "published site";
}
