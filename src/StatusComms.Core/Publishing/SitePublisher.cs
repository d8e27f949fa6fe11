using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using StatusComms.Components;
using StatusComms.Feeds;
using StatusComms.Incidents;
using StatusComms.Maintenance;
using StatusComms.PublicApi;
using StatusComms.StatusPage;
using StatusComms.Uptime;

namespace StatusComms.Publishing;

/// <summary>
/// Renders the public site from what is stored and writes it to the site store. One code path serves the publish
/// after each accepted change and the timer that reconciles after a failed publish: both publish the pages of the
/// incidents that changed (named by the version row's change record, or after a full read by the pending marks
/// stored changes left, each cleared once its page is written), plus every page whose content is current state
/// (index, history, the API files, feeds, badge). Every read is bounded by what the page shows
/// (open incidents, the latest 50, the months on the history page), never by the length of history.
/// </summary>
public sealed class SitePublisher(
    IComponentStore components,
    IIncidentStore incidents,
    IMaintenanceStore maintenances,
    IPublicationLedger ledger,
    ISiteRenderer renderer,
    ISiteArtifactStore site,
    UptimeRecorder uptime,
    PageSettings page,
    TimeProvider time)
{
    /// <summary>How many maintenances scheduled-maintenances.json and the feeds carry besides the open ones.</summary>
    public const int RecentMaintenances = 20;

    /// <summary>Tells crawlers the whole site may be indexed; the status page should be found by search.</summary>
    public const string RobotsTxt = "User-agent: *\nAllow: /\n";

    private readonly Lock _lastGate = new();
    private Inputs? _last;

    private readonly Lazy<(IReadOnlyList<SiteArtifact> Artifacts, SiteAssets Links)> _assets = new(() => HashAssets(renderer.StaticAssets));

    /// <param name="everything">Read everything and re-render every open incident's page (the timer does; a change publishes only what changed).</param>
    public async Task<PublishReport> PublishAsync(bool everything, CancellationToken cancellationToken)
    {
        using var span = Common.StatusCommsTelemetry.Traces.StartActivity("publish");
        span?.SetTag("statuscomms.page", page.Id);
        span?.SetTag("statuscomms.publish.everything", everything);
        var report = await PublishCoreAsync(everything, cancellationToken);
        Common.StatusCommsTelemetry.PublishDuration.Record(report.Elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("statuscomms.publish.kind", everything ? "reconcile" : "change"));
        Common.StatusCommsTelemetry.FilesWritten.Add(report.Written);
        span?.SetTag("statuscomms.publish.version", report.Version);
        span?.SetTag("statuscomms.publish.written", report.Written);
        return report;
    }

    private async Task<PublishReport> PublishCoreAsync(bool everything, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var now = time.GetUtcNow();
        var windowStart = SiteViewBuilder.HistoryWindowStart(now);

        // Read the version first: the data read after it is at least that new, so a page labelled with it
        // never claims to be newer than it is. What the last publish read is read again only where a change since
        // touched it (the version row names each change); everything is read when that record does not reach back.
        // A refresh renders the pages of the incidents the changes name. A full read renders the pages pending
        // marks name instead: marks outlive a failed publish or a restarted process, and a full read clears them.
        var state = await ledger.GetPageStateAsync(cancellationToken);
        var version = state.Version;
        var last = _last;
        var changes = !everything && last is not null && last.WindowStart == windowStart ? state.ChangesSince(last.Version) : null;
        var refreshed = changes is null ? null : await RefreshAsync(last!, version, changes, cancellationToken);
        var pendingTask = refreshed is null ? ledger.ListPendingAsync(cancellationToken) : Task.FromResult<IReadOnlyList<PendingPage>>([]);
        var inputs = refreshed ?? await ReadAllAsync(version, windowStart, cancellationToken);
        var pending = await pendingTask;

        var maintenanceList = inputs.OpenMaintenances
            .Concat(inputs.RecentMaintenances.Where(r => inputs.OpenMaintenances.All(o => o.Id != r.Id)))
            .OrderByDescending(m => m.ScheduledFor)
            .ToArray();
        var content = new SiteContent(page, inputs.Components, inputs.Open, inputs.Recent, maintenanceList, now);
        var (assets, links) = _assets.Value;

        var days = await uptime.RecordAsync(
            content.Components.Where(c => !c.IsGroup).ToDictionary(c => c.Id, c => content.Rollup.DisplayedStatus(c.Id), StringComparer.Ordinal),
            content.OpenIncidents.Select(i => new DayIncident(i.Id, i.Name, [.. i.Components.Keys])).ToArray(),
            now,
            cancellationToken);

        var pagesToRender = new Dictionary<string, Incident>(StringComparer.Ordinal);
        if (everything)
        {
            foreach (var incident in content.OpenIncidents)
            {
                pagesToRender[incident.Id] = incident;
            }
        }

        foreach (var incident in inputs.Changed ?? [])
        {
            pagesToRender[incident.Id] = incident;
        }

        var open = content.OpenIncidents.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var gone = new List<string>();
        foreach (var mark in pending.Where(p => p.Kind == PendingPageKind.Incident))
        {
            var incident = open.GetValueOrDefault(mark.Id) ?? await incidents.GetAsync(mark.Id, cancellationToken);
            if (incident is not null)
            {
                pagesToRender[incident.Id] = incident;
            }
            else
            {
                // Deleted: its pages leave the site (the index, feeds and API files no longer list it).
                gone.Add(mark.Id);
            }
        }

        // Month pages beyond the window: the months of changed incidents, and after a full read the month
        // history.html links to (nothing else changes it: a refresh would render it as it is).
        var olderMonth = inputs.Older is { } older ? SiteViewBuilder.MonthOf(older.CreatedAt) : (DateOnly?)null;
        var changedMonths = pagesToRender.Values.Select(i => SiteViewBuilder.MonthOf(i.CreatedAt));
        if (inputs.Changed is null && olderMonth is { } linked)
        {
            changedMonths = changedMonths.Append(linked);
        }

        var months = changedMonths.Where(m => m < windowStart).Distinct().ToArray();
        var monthData = await Task.WhenAll(months.Select(async month =>
        {
            var start = SiteViewBuilder.StartOf(month);
            var inMonthTask = incidents.ListCreatedBetweenAsync(start, SiteViewBuilder.StartOf(month.AddMonths(1)), cancellationToken);
            var beforeTask = incidents.LatestCreatedBeforeAsync(start, cancellationToken);
            await Task.WhenAll(inMonthTask, beforeTask);
            return (Month: month, Incidents: inMonthTask.Result, Before: beforeTask.Result is { } b ? SiteViewBuilder.MonthOf(b.CreatedAt) : (DateOnly?)null);
        }));
        var read = Stopwatch.GetTimestamp();

        var artifacts = new List<SiteArtifact>(assets)
        {
            Html("index.html", await renderer.RenderAsync(SiteTemplate.Index, SiteViewBuilder.Index(content, links, days), cancellationToken), CachePolicy.Current),
            Html("history.html", await renderer.RenderAsync(SiteTemplate.History, SiteViewBuilder.History(content, links, windowStart, SiteViewBuilder.MonthOf(now), inputs.Window, olderMonth, isWindow: true), cancellationToken), CachePolicy.Current),
            Html(NotFoundPath, await renderer.RenderAsync(SiteTemplate.NotFound, SiteViewBuilder.NotFound(content, links), cancellationToken), CachePolicy.Settled),
            Text("robots.txt", RobotsTxt, "text/plain; charset=utf-8", CachePolicy.Settled),
        };

        foreach (var (month, inMonth, before) in monthData)
        {
            var view = SiteViewBuilder.History(content, links, month, month, inMonth, before, isWindow: false);
            artifacts.Add(Html(SiteViewBuilder.MonthPath(month), await renderer.RenderAsync(SiteTemplate.History, view, cancellationToken), CachePolicy.Settled));
        }

        foreach (var incident in pagesToRender.Values)
        {
            var html = await renderer.RenderAsync(SiteTemplate.Incident, SiteViewBuilder.IncidentPage(content, incident, links), cancellationToken);
            artifacts.Add(Html(SiteViewBuilder.IncidentPath(incident.Id), html, incident.IsOpen ? CachePolicy.Current : CachePolicy.Settled));
        }

        artifacts.AddRange(PublicApiBuilder.Build(content).Select(f => new SiteArtifact(f.Path, PublicJson.Serialize(f.Document), "application/json; charset=utf-8", CachePolicy.Current)));
        artifacts.Add(Text(FeedBuilder.AtomPath, FeedBuilder.Atom(content), "application/atom+xml; charset=utf-8", CachePolicy.Feed));
        artifacts.Add(Text(FeedBuilder.RssPath, FeedBuilder.Rss(content), "application/rss+xml; charset=utf-8", CachePolicy.Feed));
        artifacts.Add(Text(Badge.Path, Badge.Svg(page.Name, content.Rollup.Indicator, content.Rollup.Description), "image/svg+xml", CachePolicy.Current));
        var rendered = Stopwatch.GetTimestamp();

        var outcomes = await Task.WhenAll(artifacts.Select(a => site.WriteAsync(a, version, cancellationToken)));
        await Task.WhenAll(gone.SelectMany(id => new[] { SiteViewBuilder.IncidentPath(id), SiteViewBuilder.PostmortemPath(id) }).Select(path => site.RemoveAsync(path, version, cancellationToken)));

        // Only now is every pending page written (or superseded by a newer render): clear the marks. A mark set
        // again by a change made meanwhile has another token and survives for the next publish.
        await Task.WhenAll(pending.Select(p => ledger.ClearAsync(p, cancellationToken)));

        // Kept only once everything is written: after a failed publish the next one goes back to the same inputs
        // and renders every change since them again.
        lock (_lastGate)
        {
            if (_last is null || _last.Version <= inputs.Version)
            {
                _last = inputs;
            }
        }

        return new PublishReport(
            version,
            outcomes.Count(o => o == ArtifactWriteOutcome.Written),
            outcomes.Count(o => o == ArtifactWriteOutcome.Unchanged),
            outcomes.Count(o => o == ArtifactWriteOutcome.SupersededByNewer),
            Stopwatch.GetElapsedTime(started),
            Stopwatch.GetElapsedTime(started, read),
            Stopwatch.GetElapsedTime(read, rendered),
            Stopwatch.GetElapsedTime(rendered),
            artifacts.Where((_, i) => outcomes[i] == ArtifactWriteOutcome.Written).Select(a => a.Path).ToArray());
    }

    private async Task<Inputs> ReadAllAsync(long version, DateOnly windowStart, CancellationToken cancellationToken)
    {
        var componentsTask = components.ListAsync(cancellationToken);
        var openTask = incidents.ListOpenAsync(cancellationToken);
        var recentTask = incidents.ListRecentDigestsAsync(PublicApiBuilder.ListLength, cancellationToken);
        var windowTask = incidents.ListCreatedBetweenAsync(SiteViewBuilder.StartOf(windowStart), DateTimeOffset.MaxValue, cancellationToken);
        var olderTask = incidents.LatestCreatedBeforeAsync(SiteViewBuilder.StartOf(windowStart), cancellationToken);
        var openMaintenancesTask = maintenances.ListOpenAsync(cancellationToken);
        var recentMaintenancesTask = maintenances.ListRecentAsync(RecentMaintenances, cancellationToken);
        await Task.WhenAll(componentsTask, openTask, recentTask, windowTask, olderTask, openMaintenancesTask, recentMaintenancesTask);
        return new Inputs(version, windowStart, componentsTask.Result, openTask.Result, recentTask.Result, windowTask.Result, olderTask.Result, openMaintenancesTask.Result, recentMaintenancesTask.Result);
    }

    /// <summary>
    /// The last publish's inputs with what <paramref name="changes"/> touched read again: the components, the
    /// maintenances, and each changed incident with its index entry, put in its place in the open, recent and
    /// window lists as their queries would return it. Null (read everything) when a changed incident is gone.
    /// </summary>
    private async Task<Inputs?> RefreshAsync(Inputs last, long version, IReadOnlyList<PageChange> changes, CancellationToken cancellationToken)
    {
        var componentsTask = changes.Any(c => c.Kind == PageChangeKind.Component) ? components.ListAsync(cancellationToken) : Task.FromResult(last.Components);
        var maintenance = changes.Any(c => c.Kind == PageChangeKind.Maintenance);
        var openMaintenancesTask = maintenance ? maintenances.ListOpenAsync(cancellationToken) : Task.FromResult(last.OpenMaintenances);
        var recentMaintenancesTask = maintenance ? maintenances.ListRecentAsync(RecentMaintenances, cancellationToken) : Task.FromResult(last.RecentMaintenances);
        var changedTask = Task.WhenAll(changes.Where(c => c.Kind == PageChangeKind.Incident && c.Id is not null).Select(c => c.Id!).Distinct(StringComparer.Ordinal).Select(id => incidents.GetIndexedAsync(id, cancellationToken)));
        await Task.WhenAll(componentsTask, openMaintenancesTask, recentMaintenancesTask, changedTask);
        if (changedTask.Result.Any(i => i is null))
        {
            return null;
        }

        var changed = changedTask.Result.Select(i => i!).ToArray();
        var ids = changed.Select(i => i.Incident.Id).ToHashSet(StringComparer.Ordinal);
        var windowFrom = SiteViewBuilder.StartOf(last.WindowStart);
        var open = last.Open.Where(i => !ids.Contains(i.Id)).Concat(changed.Select(c => c.Incident).Where(i => i.IsOpen)).OrderBy(i => i.Id, StringComparer.Ordinal).ToArray();
        // A creation time never changes, so an incident older than the list's last entry stays out of it.
        var recent = last.Recent.Where(d => !ids.Contains(d.Id)).Concat(changed.Select(c => c.Digest)).OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id, StringComparer.Ordinal).ToArray();
        var window = last.Window.Where(w => !ids.Contains(w.Id)).Concat(changed.Select(c => c.Summary).Where(w => w.CreatedAt >= windowFrom)).OrderByDescending(w => w.CreatedAt).ThenBy(w => w.Id, StringComparer.Ordinal).ToArray();
        return new Inputs(version, last.WindowStart, componentsTask.Result, open, recent.Take(PublicApiBuilder.ListLength).ToArray(), window, last.Older, openMaintenancesTask.Result, recentMaintenancesTask.Result, changed.Select(c => c.Incident).ToArray());
    }

    /// <summary>
    /// What one publish read, as of <see cref="Version"/> (at least), for the window starting <see cref="WindowStart"/>;
    /// <see cref="Changed"/> are the incidents a refresh read again: their pages are the ones it renders.
    /// </summary>
    private sealed record Inputs(
        long Version,
        DateOnly WindowStart,
        IReadOnlyList<Component> Components,
        IReadOnlyList<Incident> Open,
        IReadOnlyList<IncidentDigest> Recent,
        IReadOnlyList<IncidentSummary> Window,
        IncidentSummary? Older,
        IReadOnlyList<ScheduledMaintenance> OpenMaintenances,
        IReadOnlyList<ScheduledMaintenance> RecentMaintenances,
        IReadOnlyList<Incident>? Changed = null);

    /// <summary>The site's content-addressed static files (stylesheet, icon, script), as published under assets/.</summary>
    public IReadOnlyList<SiteArtifact> Assets => _assets.Value.Artifacts;

    /// <summary>
    /// An incident's page as it would be published, for a draft not yet posted (the console's preview), with its
    /// asset links under <paramref name="assetRoot"/> instead of /assets/.
    /// </summary>
    public Task<string> RenderIncidentPreviewAsync(Incident incident, IReadOnlyList<Component> known, string assetRoot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var content = new SiteContent(PreviewPage, known, incident.IsOpen ? [incident] : [], [], [], time.GetUtcNow());
        return renderer.RenderAsync(SiteTemplate.Incident, SiteViewBuilder.IncidentPage(content, incident, AssetsAt(assetRoot)), cancellationToken);
    }

    /// <summary>The customer summary page of a postmortem, as it is (or would be) published.</summary>
    /// <param name="assetRoot">Where a preview finds the site's stylesheet (null: where the published site has it).</param>
    public async Task<string> RenderPostmortemAsync(Postmortems.CustomerSummary summary, DateTimeOffset publishedAt, CancellationToken cancellationToken, string? assetRoot = null)
    {
        var content = new SiteContent(assetRoot is null ? page : PreviewPage, await components.ListAsync(cancellationToken), [], [], [], time.GetUtcNow());
        return await renderer.RenderAsync(SiteTemplate.Postmortem, SiteViewBuilder.PostmortemPage(content, summary, publishedAt, assetRoot is null ? _assets.Value.Links : AssetsAt(assetRoot)), cancellationToken);
    }

    /// <summary>A preview is served from elsewhere (the console): its links are not moved into a drill's folder.</summary>
    private PageSettings PreviewPage => page with { SiteRoot = "/" };

    /// <summary>The site's asset links moved under <paramref name="assetRoot"/> (a preview served from elsewhere), without the feed link.</summary>
    private SiteAssets AssetsAt(string assetRoot)
    {
        var links = _assets.Value.Links;
        string? Rebase(string? href) => href is null ? null : assetRoot + href[(href.LastIndexOf('/') + 1)..];
        return new SiteAssets(Rebase(links.StylesheetHref)!, Rebase(links.IconHref), null);
    }

    /// <summary>Writes postmortems/{incident}.html. The incident's own page and the API files follow with the incident's pending mark.</summary>
    public async Task<ArtifactWriteOutcome> PublishPostmortemAsync(Postmortems.CustomerSummary summary, DateTimeOffset publishedAt, CancellationToken cancellationToken)
    {
        var version = await ledger.GetPageVersionAsync(cancellationToken);
        var html = await RenderPostmortemAsync(summary, publishedAt, cancellationToken);
        foreach (var asset in _assets.Value.Artifacts)
        {
            await site.WriteAsync(asset, version, cancellationToken);
        }

        return await site.WriteAsync(Html(SiteViewBuilder.PostmortemPath(summary.IncidentId), html, CachePolicy.Settled), version, cancellationToken);
    }

    private static SiteArtifact Html(string path, string html, string cacheControl)
        => new(path, Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", cacheControl);

    private static SiteArtifact Text(string path, string text, string contentType, string cacheControl)
        => new(path, Encoding.UTF8.GetBytes(text), contentType, cacheControl);

    /// <summary>Static hosting's error document (Azure: <c>--404-document 404.html</c>; the local runner does the same).</summary>
    public const string NotFoundPath = "404.html";

    /// <summary>Names each asset by its content's hash, so that it can be cached forever and changes its name when it changes.</summary>
    private static (IReadOnlyList<SiteArtifact>, SiteAssets) HashAssets(IReadOnlyList<StaticAsset> assets)
    {
        var artifacts = new List<SiteArtifact>();
        var hrefs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var asset in assets)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(asset.Content.Span))[..12];
            var path = $"assets/{Path.GetFileNameWithoutExtension(asset.Name)}.{hash}{Path.GetExtension(asset.Name)}";
            artifacts.Add(new SiteArtifact(path, asset.Content, asset.ContentType, CachePolicy.Immutable));
            hrefs[asset.Name] = "/" + path;
        }

        return (artifacts, new SiteAssets(hrefs.GetValueOrDefault("site.css", string.Empty), hrefs.GetValueOrDefault("icon.svg"), hrefs.GetValueOrDefault("time.js")));
    }
}
