using RazorLight;
using StatusComms.CommsConsole;
using StatusComms.Publishing;

namespace StatusComms.Infrastructure.Templates;

/// <summary>
/// Renders the console's pages (templates/console/{page}.cshtml, HTML-encoded) and loads its assets
/// (templates/console/assets). Compiled on first use of each page: the console is for a few people, and its
/// first page may wait for the compiler rather than every start of the app.
/// </summary>
public sealed class RazorLightConsoleRenderer : IConsoleRenderer
{
    private readonly RazorLightEngine _engine;

    public RazorLightConsoleRenderer(string templatesRoot)
    {
        var root = Path.Combine(templatesRoot, "console");
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The console templates are missing: {root} does not exist.");
        }

        _engine = TemplateEngine.For(root);
        StaticAssets = TemplateAssets.Load(Path.Combine(root, "assets"));
    }

    public IReadOnlyList<StaticAsset> StaticAssets { get; }

    public Task<string> RenderAsync<TModel>(string page, TModel model, CancellationToken cancellationToken)
        => _engine.CompileRenderAsync(page + ".cshtml", model);
}
