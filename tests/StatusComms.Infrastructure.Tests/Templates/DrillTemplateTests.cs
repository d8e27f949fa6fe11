namespace StatusComms.Infrastructure.Tests.Templates;

/// <summary>The console's drill screens render with the templates as shipped (a Razor keyword in a template fails at its first use, not at build).</summary>
public sealed class DrillTemplateTests
{
    [Fact]
    public async Task The_drill_screens_render_a_drill_and_the_start_form()
    {
        var r = new StatusComms.Infrastructure.Templates.RazorLightConsoleRenderer(Path.Combine(AppContext.BaseDirectory, "templates"));
        var script = StatusComms.Drills.DrillScriptParser.Parse("x", "# Card payments\nPlaybook: p\nLength: 60 minutes\n- T+0: Alerts fire in the EU.\n", _ => true);
        var drill = StatusComms.Drills.Drill.Start(script, [new("Ana", "ana@example.com", null)], 1, DateTimeOffset.UtcNow, "Ana");
        drill.Reveal(0, DateTimeOffset.UtcNow);
        var chrome = new StatusComms.CommsConsole.ConsoleChrome("A", "https://x", "Ana", "t", new("/a.css", "/a.js"), StatusComms.CommsConsole.ConsoleSection.Drills);
        var html = await r.RenderAsync("Drill", new StatusComms.CommsConsole.DrillView(chrome, drill, null, DateTimeOffset.UtcNow, false, "https://x/drills/1/", null), CancellationToken.None);
        Assert.Contains("<strong>T+0</strong>", html, StringComparison.Ordinal);
        Assert.Contains("Alerts fire in the EU.", html, StringComparison.Ordinal);
        Assert.Contains("Work in this drill", html, StringComparison.Ordinal);
        html = await r.RenderAsync("Drills", new StatusComms.CommsConsole.DrillsView(chrome, [script], [], null, null, new(null, "", null)), CancellationToken.None);
        Assert.Contains("<option value=\"x\" >Card payments (p, 1 injects, 60 minutes)</option>", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"\">Choose a scenario</option>", html, StringComparison.Ordinal);
    }
}
