using System.Diagnostics;
using RazorLight;
using StatusComms.Publishing;

namespace StatusComms.Infrastructure.Templates;

/// <summary>
/// Renders the site's Razor templates (templates/site) with one RazorLight engine for the life of the process.
/// RazorLight compiles a template on first use; <see cref="WarmUpAsync"/> does that at start-up instead.
/// </summary>
public sealed class RazorLightSiteRenderer : ISiteRenderer
{
    private static readonly Dictionary<SiteTemplate, string> Files = new()
    {
        [SiteTemplate.Index] = "Index.cshtml",
        [SiteTemplate.Incident] = "Incident.cshtml",
        [SiteTemplate.History] = "History.cshtml",
        [SiteTemplate.NotFound] = "NotFound.cshtml",
        [SiteTemplate.Postmortem] = "Postmortem.cshtml",
    };

    private readonly RazorLightEngine _engine;
    private readonly string _root;

    /// <param name="templatesRoot">The folder holding site/ (at run time, "templates" beside the app).</param>
    public RazorLightSiteRenderer(string templatesRoot)
    {
        var site = Path.Combine(templatesRoot, "site");
        if (!Directory.Exists(site))
        {
            throw new DirectoryNotFoundException($"The site templates are missing: {site} does not exist.");
        }

        _root = site;
        _engine = TemplateEngine.For(site);
        StaticAssets = TemplateAssets.Load(Path.Combine(site, "assets"));
    }

    public IReadOnlyList<StaticAsset> StaticAssets { get; }

    /// <summary>How long the last warm-up took (template compilation), for start-up measurements.</summary>
    public TimeSpan WarmUpTime { get; private set; }

    public Task<string> RenderAsync<TModel>(SiteTemplate page, TModel model, CancellationToken cancellationToken)
        => _engine.CompileRenderAsync(Files[page], model);

    /// <summary>Compiles every template and partial so the first publish does not pay for compilation.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();

        // Compiling is CPU-bound and the templates are independent: use every core.
        await Parallel.ForEachAsync(
            Directory.EnumerateFiles(_root, "*.cshtml"),
            cancellationToken,
            async (file, _) => await _engine.CompileTemplateAsync(Path.GetFileName(file)));

        WarmUpTime = Stopwatch.GetElapsedTime(started);
    }
}
