using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Time.Testing;
using StatusComms.Common;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Infrastructure.Blobs;
using StatusComms.Infrastructure.Tables;
using StatusComms.Infrastructure.Templates;
using StatusComms.Maintenance;
using StatusComms.Publishing;
using StatusComms.StatusPage;
using StatusComms.Uptime;

namespace StatusComms.Infrastructure.Tests.Publishing;

/// <summary>
/// A long-lived publisher reads again only what the changes since its last publish touched (the version row names
/// them). After every kind of change its site must be byte for byte what a fresh publisher, reading everything,
/// renders from the same storage, and its reads must stay few whatever the history.
/// </summary>
public sealed class IncrementalPublishTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly string _name = Azurite.UniqueName();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly RequestLog _counter = new();
    private readonly RazorLightSiteRenderer _renderer = new(Path.Combine(AppContext.BaseDirectory, "templates"));
    private readonly PageSettings _page = new("acme", "Acme Cloud", "https://status.acme.test", "Etc/UTC");
    private StatusTable _table = null!;
    private BlobContainerClient _site = null!;
    private SitePublisher _publisher = null!;
    private Dictionary<string, Component> _known = null!;

    public async Task InitializeAsync()
    {
        _table = new StatusTable(new TableServiceClient(Azurite.ConnectionString).GetTableClient(_name), "acme");
        var options = new TableClientOptions();
        options.AddPolicy(_counter, HttpPipelinePosition.PerCall);
        var counted = new StatusTable(new TableServiceClient(Azurite.ConnectionString, options).GetTableClient(_name), "acme");
        _site = Azurite.NewContainer();
        _publisher = Publisher(counted, _site);

        var components = new TableComponentStore(_table);
        _known = new Dictionary<string, Component>(StringComparer.Ordinal);
        foreach (var (id, name) in new[] { ("api", "API"), ("web", "Dashboard"), ("mail", "Email delivery") })
        {
            var component = new Component { Id = id, Name = name, CreatedAt = Start, UpdatedAt = Start };
            await components.AddAsync(component, CancellationToken.None);
            _known[id] = component;
        }

        // More past incidents than the recent list holds, some older than the history window.
        var incidents = new TableIncidentStore(_table);
        for (var i = 0; i < 60; i++)
        {
            var at = Start.AddDays(-3 * (i + 1));
            var incident = Incident.Open(Ids.NewId(), $"Past incident {i}", Command("Some API calls failed with error 503.", IncidentStatus.Investigating), null, null, _known, at);
            incident.PostUpdate(Command("Resolved: every API call succeeds again. We are sorry for the disruption.", IncidentStatus.Resolved), _known, at.AddMinutes(40));
            await incidents.AddAsync(incident, CancellationToken.None);
        }

        await _publisher.PublishAsync(everything: false, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _table.Client.DeleteAsync();
        await _site.DeleteIfExistsAsync();
    }

    [Fact]
    public async Task After_every_kind_of_change_the_site_is_what_reading_everything_renders_with_few_reads()
    {
        var incidents = new TableIncidentStore(_table);
        var components = new TableComponentStore(_table);
        var maintenances = new TableMaintenanceStore(_table);
        var reads = new List<(string Change, int Requests)>();
        IReadOnlyList<string> written = [];

        async Task CheckAsync(string change)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            var before = _counter.Count;
            written = (await _publisher.PublishAsync(everything: false, CancellationToken.None)).WrittenPaths!;
            reads.Add((change + " — " + _counter.Since(before), _counter.Count - before));
            await AssertSameAsFullReadAsync(change);
        }

        // Only what a change alters is written: never the assets, robots.txt or the 404 page, and only the
        // incident pages the change touched.
        void AssertWrote(string change, params string[] expected)
        {
            Assert.True(written.Order(StringComparer.Ordinal).SequenceEqual(expected.Order(StringComparer.Ordinal)), $"after {change} wrote: {string.Join(", ", written.Order(StringComparer.Ordinal))}");
        }

        string[] Current(params string[] more) => ["index.html", "history.html", "history.atom", "history.rss", .. ApiFiles, .. more];

        var open = Incident.Open(Ids.NewId(), "API errors for EU customers", Command("About 30% of API calls from the EU fail with error 503.", IncidentStatus.Investigating), null, null, _known, _time.GetUtcNow());
        await incidents.AddAsync(open, CancellationToken.None);
        await CheckAsync("an incident opened");

        open.PostUpdate(Command("A failed database node is the cause; we are moving traffic off it.", IncidentStatus.Identified), _known, _time.GetUtcNow());
        await incidents.SaveAsync(open, open.Version!, CancellationToken.None);
        await CheckAsync("an update posted");
        AssertWrote("an update posted", Current($"incidents/{open.Id}.html"));

        var api = (await components.GetAsync("api", CancellationToken.None))!;
        api.Status = ComponentStatus.MajorOutage;
        api.UpdatedAt = _time.GetUtcNow();
        await components.UpdateAsync(api, CancellationToken.None);
        await CheckAsync("a component's status changed");
        Assert.DoesNotContain(written, p => p.StartsWith("incidents/", StringComparison.Ordinal) || p.StartsWith("assets/", StringComparison.Ordinal) || p is "404.html" or "robots.txt");
        Assert.Contains("index.html", written);

        var window = ScheduledMaintenance.Schedule(Ids.NewId(), "Database upgrade", "The API will be read-only for up to 10 minutes.", _time.GetUtcNow().AddDays(2), _time.GetUtcNow().AddDays(2).AddHours(1), ["api"], true, _known, "lead", _time.GetUtcNow());
        await maintenances.AddAsync(window, CancellationToken.None);
        await CheckAsync("a maintenance scheduled");

        var old = (await incidents.ListRecentAsync(55, 1, CancellationToken.None)).Single();
        var past = (await incidents.GetAsync(old.Id, CancellationToken.None))!;
        past.Rename("Past incident, renamed after review", _time.GetUtcNow());
        await incidents.SaveAsync(past, past.Version!, CancellationToken.None);
        await CheckAsync("an incident older than the recent list renamed");

        open.PostUpdate(Command("Resolved: every API call from the EU succeeds again. We are sorry.", IncidentStatus.Resolved), _known, _time.GetUtcNow());
        await incidents.SaveAsync(open, open.Version!, CancellationToken.None);
        await CheckAsync("the incident resolved");

        // A full read costs 15 table requests or more here; a change costs a handful, whatever the history: the
        // version row, what the change touched (for an incident, one query and its index row), the uptime roll-up's
        // save (and for an incident beyond the history window, its month page).
        Assert.All(reads, r => Assert.True(r.Requests <= 6, $"{r.Change}: {r.Requests} table requests"));
        Assert.All(reads.Where(r => r.Change.StartsWith("an update posted", StringComparison.Ordinal)), r => Assert.True(r.Requests <= 4, $"{r.Change}: {r.Requests} table requests"));
    }

    private async Task AssertSameAsFullReadAsync(string change)
    {
        var fresh = Azurite.NewContainer();
        try
        {
            await Publisher(_table, fresh).PublishAsync(everything: false, CancellationToken.None);
            var compared = 0;
            await foreach (var blob in fresh.GetBlobsAsync())
            {
                var expected = (await fresh.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
                var actual = (await _site.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
                Assert.True(expected == actual, $"after {change}: {blob.Name} differs from a full read");
                compared++;
            }

            Assert.True(compared > 10, $"after {change}: only {compared} files compared");
        }
        finally
        {
            await fresh.DeleteIfExistsAsync();
        }
    }

    /// <summary>The Statuspage-compatible files every change rewrites (each carries the page's updated_at).</summary>
    private static readonly string[] ApiFiles = ["api/v2/summary.json", "api/v2/status.json", "api/v2/components.json", "api/v2/incidents.json", "api/v2/incidents/unresolved.json", "api/v2/scheduled-maintenances.json", "api/v2/scheduled-maintenances/upcoming.json", "api/v2/scheduled-maintenances/active.json"];

    private SitePublisher Publisher(StatusTable table, BlobContainerClient site)
        => new(new TableComponentStore(table), new TableIncidentStore(table), new TableMaintenanceStore(table), new TablePublicationLedger(table), _renderer, new BlobSiteArtifactStore(site), new UptimeRecorder(new TableUptimeStore(table)), _page, _time);

    private static IncidentCommand Command(string body, IncidentStatus status)
        => new() { Status = status, Body = body, Author = "lead", Components = new Dictionary<string, ComponentStatus> { ["api"] = status == IncidentStatus.Resolved ? ComponentStatus.Operational : ComponentStatus.PartialOutage }, NextUpdateAt = status == IncidentStatus.Resolved ? null : Start.AddYears(1) };
}
