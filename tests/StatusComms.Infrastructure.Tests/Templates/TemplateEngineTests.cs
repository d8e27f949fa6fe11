using StatusComms.Infrastructure.Templates;

namespace StatusComms.Infrastructure.Tests.Templates;

/// <summary>Compiled templates kept on disk: loaded at the next start instead of compiled, and never used when stale or broken.</summary>
public sealed class TemplateEngineTests : IDisposable
{
    private readonly string _app = Path.Combine(Path.GetTempPath(), "statuscomms-engine-" + Guid.NewGuid().ToString("N")[..12]);

    public TemplateEngineTests()
    {
        Directory.CreateDirectory(Path.Combine(_app, "templates", "mini"));
        Write("Page.cshtml", "@model string\n<p>Hello, @Model</p>\n@{ await IncludeAsync(\"_Part.cshtml\", Model); }");
        Write("_Part.cshtml", "@model string\n<small>part for @Model</small>");
    }

    private string Root => Path.Combine(_app, "templates", "mini");

    public void Dispose() => Directory.Delete(_app, recursive: true);

    [Fact]
    public async Task A_second_engine_loads_what_the_first_compiled_and_a_changed_template_is_compiled_again()
    {
        var first = await TemplateEngine.For(Root).CompileRenderAsync("Page.cshtml", "<Ada>");
        var folder = TemplateEngine.CacheFolderFor(Root)!;
        var compiled = Directory.GetFiles(folder, "*.dll").ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var second = await TemplateEngine.For(Root).CompileRenderAsync("Page.cshtml", "<Ada>");
        Write("Page.cshtml", "@model string\n<p>Goodbye, @Model</p>");
        var changed = await TemplateEngine.For(Root).CompileRenderAsync("Page.cshtml", "<Ada>");

        Assert.StartsWith(Path.Combine(_app, TemplateEngine.CompiledFolderName), folder, StringComparison.Ordinal); // beside the app's templates
        Assert.Equal(2, compiled.Count); // the page and its include
        Assert.Equal("<p>Hello, &lt;Ada&gt;</p>\n<small>part for &lt;Ada&gt;</small>", first.Trim());
        Assert.Equal(first, second);
        Assert.All(compiled, f => Assert.Equal(f.Value, File.GetLastWriteTimeUtc(f.Key))); // loaded, not compiled and written again
        Assert.Equal("<p>Goodbye, &lt;Ada&gt;</p>", changed.Trim());
        Assert.Equal(3, Directory.GetFiles(folder, "*.dll").Length);
    }

    [Fact]
    public async Task A_broken_compiled_file_is_compiled_again_and_plain_text_stays_unencoded()
    {
        await TemplateEngine.For(Root).CompileRenderAsync("Page.cshtml", "Ada");
        foreach (var file in Directory.GetFiles(TemplateEngine.CacheFolderFor(Root)!, "*.dll"))
        {
            await File.WriteAllTextAsync(file, "not an assembly");
        }

        var text = await TemplateEngine.For(Root, encode: false).CompileRenderAsync("Page.cshtml", "<Ada>");

        Assert.Equal("<p>Hello, <Ada></p>\n<small>part for <Ada></small>", text.Trim());
    }

    [Fact]
    public async Task Compiling_everything_fills_the_folder_a_published_app_starts_from()
    {
        var count = await TemplateEngine.CompileAllAsync(Path.Combine(_app, "templates"));

        Assert.Equal(2, count);
        Assert.Equal(2, Directory.GetFiles(TemplateEngine.CacheFolderFor(Root)!, "*.dll").Length);
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_app, "templates", "mini", name), text);
}
