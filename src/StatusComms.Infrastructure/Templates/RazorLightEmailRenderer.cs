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

        _root = root;
        _html = TemplateEngine.For(root);
        _text = TemplateEngine.For(root, encode: false);
    }

    private readonly string _root = string.Empty;

    /// <summary>Compiles every mail template, text and HTML, so the first mail does not wait for the compiler.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        foreach (var file in Directory.EnumerateFiles(_root, "*.cshtml").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await (file!.EndsWith(".txt.cshtml", StringComparison.Ordinal) ? _text : _html).CompileTemplateAsync(file);
        }
    }

    public async Task<RenderedEmail> RenderAsync<TModel>(string name, TModel model, CancellationToken cancellationToken)
    {
        var text = _text.CompileRenderAsync(name + ".txt.cshtml", model);
        var html = _html.CompileRenderAsync(name + ".html.cshtml", model);
        return new RenderedEmail((await text).Trim() + "\n", await html);
    }
}
