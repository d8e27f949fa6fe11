using RazorLight;
using StatusComms.Messages;

namespace StatusComms.Infrastructure.Templates;

/// <summary>
/// Renders the pre-written messages (templates/messages/{kind}/{stage}.cshtml) as plain text: encoding is off
/// here because the text is stored as typed and encoded for its context (HTML, email, JSON) where it is shown.
/// </summary>
public sealed class RazorLightMessageRenderer : IMessageRenderer
{
    private readonly RazorLightEngine _engine;

    /// <param name="templatesRoot">The folder holding messages/ (at run time, "templates" beside the app).</param>
    public RazorLightMessageRenderer(string templatesRoot)
    {
        var root = Path.Combine(templatesRoot, "messages");
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The message templates are missing: {root} does not exist.");
        }

        _engine = TemplateEngine.For(root, encode: false);
        TemplateIds = Directory.EnumerateFiles(root, "*.cshtml", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/')[..^".cshtml".Length])
            .Where(id => id.Contains('/', StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    public IReadOnlyList<string> TemplateIds { get; }

    public Task<string> RenderAsync(string templateId, MessageContext context, CancellationToken cancellationToken)
        => TemplateIds.Contains(templateId)
            ? _engine.CompileRenderAsync(templateId + ".cshtml", context)
            : throw new ArgumentException($"There is no message template '{templateId}'.", nameof(templateId));
}
