using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Maintenance;
using StatusComms.StatusPage;

namespace StatusComms.Publishing;

/// <summary>
/// Renders the public site from what is stored and writes it to the site store. One code path serves the publish
/// after each accepted change and the timer that reconciles after a failed publish: both publish the pages that
/// stored changes marked pending, plus the index and history, and clear each mark once its page is written.
/// </summary>
public sealed class SitePublisher(
    IComponentStore components,
    IIncidentStore incidents,
    IMaintenanceStore maintenances,
    IPublicationLedger ledger,
    ISiteRenderer renderer,
    ISiteArtifactStore site,
    PageSettings page,
    TimeProvider time)
{
    /// <summary>How many past incidents history.html lists.</summary>
    public const int HistoryLength = 50;

    // Pages change with every update and readers want the news: short caching. Assets are content-addressed
    // (their name carries their hash), so they can be cached for a year without ever going stale.
    public const string PageCacheControl = "public, max-age=30";
    public const string AssetCacheControl = "public, max-age=31536000, immutable";
    private const string HtmlContentType = "text/html; charset=utf-8";

    private readonly Lazy<(IReadOnlyList<SiteArtifact> Artifacts, string StylesheetHref)> _assets = new(() => HashAssets(renderer.StaticAssets));

    /// <param name="everything">Also re-render every open incident's page (the timer does; a change publishes only what it marked).</param>
    public async Task<PublishReport> PublishAsync(bool everything, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();

        // Read the version first: the data read after it is at least that new, so a page labelled with it
        // never claims to be newer than it is.
        var version = await ledger.GetPageVersionAsync(cancellationToken);
        var pendingTask = ledger.ListPendingAsync(cancellationToken);
        var componentsTask = components.ListAsync(cancellationToken);
        var openTask = incidents.ListOpenAsync(cancellationToken);
        var recentTask = incidents.ListRecentAsync(0, HistoryLength * 2, cancellationToken);
        var maintenancesTask = maintenances.ListOpenAsync(cancellationToken);
        await Task.WhenAll(pendingTask, componentsTask, openTask, recentTask, maintenancesTask);

        var content = new SiteContent(page, componentsTask.Result, openTask.Result, recentTask.Result, maintenancesTask.Result, time.GetUtcNow());
        var pending = pendingTask.Result;
        var (assets, stylesheetHref) = _assets.Value;

        var pagesToRender = new Dictionary<string, Incident>(StringComparer.Ordinal);
        if (everything)
        {
            foreach (var incident in content.OpenIncidents)
            {
                pagesToRender[incident.Id] = incident;
            }
        }

        var open = content.OpenIncidents.ToDictionary(i => i.Id, StringComparer.Ordinal);
        foreach (var mark in pending.Where(p => p.Kind == PendingPageKind.Incident))
        {
            var incident = open.GetValueOrDefault(mark.Id) ?? await incidents.GetAsync(mark.Id, cancellationToken);
            if (incident is not null)
            {
                pagesToRender[incident.Id] = incident;
            }
        }

        var artifacts = new List<SiteArtifact>(assets)
        {
            Page("index.html", await renderer.RenderAsync(SiteTemplate.Index, SiteViewBuilder.Index(content, stylesheetHref), cancellationToken)),
            Page("history.html", await renderer.RenderAsync(SiteTemplate.History, SiteViewBuilder.History(content, stylesheetHref), cancellationToken)),
        };
        foreach (var incident in pagesToRender.Values)
        {
            var html = await renderer.RenderAsync(SiteTemplate.Incident, SiteViewBuilder.IncidentPage(content, incident, stylesheetHref), cancellationToken);
            artifacts.Add(Page(SiteViewBuilder.IncidentPath(incident.Id), html));
        }

        var outcomes = await Task.WhenAll(artifacts.Select(a => site.WriteAsync(a, version, cancellationToken)));

        // Only now is every pending page written (or superseded by a newer render): clear the marks. A mark set
        // again by a change made meanwhile has another token and survives for the next publish.
        await Task.WhenAll(pending.Select(p => ledger.ClearAsync(p, cancellationToken)));

        return new PublishReport(
            version,
            outcomes.Count(o => o == ArtifactWriteOutcome.Written),
            outcomes.Count(o => o == ArtifactWriteOutcome.Unchanged),
            outcomes.Count(o => o == ArtifactWriteOutcome.SupersededByNewer),
            Stopwatch.GetElapsedTime(started));
    }

    private static SiteArtifact Page(string path, string html)
        => new(path, Encoding.UTF8.GetBytes(html), HtmlContentType, PageCacheControl);

    private static (IReadOnlyList<SiteArtifact>, string) HashAssets(IReadOnlyList<StaticAsset> assets)
    {
        var artifacts = new List<SiteArtifact>();
        var stylesheetHref = string.Empty;
        foreach (var asset in assets)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(asset.Content.Span))[..12];
            var extension = Path.GetExtension(asset.Name);
            var path = $"assets/{Path.GetFileNameWithoutExtension(asset.Name)}.{hash}{extension}";
            artifacts.Add(new SiteArtifact(path, asset.Content, asset.ContentType, AssetCacheControl));
            if (extension == ".css" && stylesheetHref.Length == 0)
            {
                stylesheetHref = "/" + path;
            }
        }

        return (artifacts, stylesheetHref);
    }
}
