using RazorLight;
using StatusComms.Notifications;

namespace StatusComms.Infrastructure.Templates;

/// <summary>
/// Renders templates/email/{name}.html.cshtml with HTML encoding and {name}.txt.cshtml without (plain text is not
/// HTML; it is sent as text/plain). Both are compiled once per process.
/// </summary>
public sealed class RazorLightEmailRenderer : IEmailRenderer
{
    private readonly RazorLightEngine _html;
    private readonly RazorLightEngine _text;

    public RazorLightEmailRenderer(string templatesRoot)
    {
        var root = Path.Combine(templatesRoot, "email");
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The email templates are missing: {root} does not exist.");
        }

        _html = new RazorLightEngineBuilder().UseFileSystemProject(root).UseMemoryCachingProvider().Build();
        _text = new RazorLightEngineBuilder().UseFileSystemProject(root).UseMemoryCachingProvider().DisableEncoding().Build();
    }

    public async Task<RenderedEmail> RenderAsync<TModel>(string name, TModel model, CancellationToken cancellationToken)
    {
        var text = _text.CompileRenderAsync(name + ".txt.cshtml", model);
        var html = _html.CompileRenderAsync(name + ".html.cshtml", model);
        return new RenderedEmail((await text).Trim() + "\n", await html);
    }
}
