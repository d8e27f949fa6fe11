using RazorLight;
using StatusComms.Subscriptions;

namespace StatusComms.Infrastructure.Templates;

/// <summary>Renders templates/subscriptions/Page.cshtml, the pages behind subscription links.</summary>
public sealed class RazorLightSubscriptionPages(string templatesRoot)
{
    private readonly RazorLightEngine _engine = TemplateEngine.For(Path.Combine(templatesRoot, "subscriptions"));

    public Task<string> RenderAsync(SubscriptionPageView view) => _engine.CompileRenderAsync("Page.cshtml", view);
}
