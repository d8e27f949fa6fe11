using System.Text.Json.Nodes;
using StatusComms.Site.Tests.Tools;

namespace StatusComms.Site.Tests;

/// <summary>The Nu Html Checker (the W3C validator, npm vnu-jar) finds no error in any page, the stylesheet or the badge.</summary>
[Collection(PublishedSiteCollection.Name)]
public sealed class HtmlValidityTests(PublishedSite site)
{
    [Fact]
    public async Task The_nu_html_checker_reports_no_errors_on_any_published_page()
    {
        var files = site.HtmlPages.Append(site.StylesheetPath).Append("badge.svg").Select(p => Path.Combine(site.Folder, p)).ToArray();
        Assert.True(files.Length >= 10, $"{files.Length} files");

        var (exit, stdout, stderr) = await Tooling.RunAsync(
            "java",
            ["-jar", Tooling.NodeModule("vnu-jar/build/dist/vnu.jar"), "--format", "json", "--also-check-css", "--also-check-svg", .. files],
            TimeSpan.FromMinutes(3));

        // vnu writes its JSON report to stderr; exit 1 means it found an error.
        var report = JsonNode.Parse(stderr.Length > 0 ? stderr : stdout)!;
        var errors = report["messages"]!.AsArray()
            .Where(m => (string?)m!["type"] is "error" or "non-document-error")
            .Select(m => $"{Path.GetRelativePath(site.Folder, new Uri((string)m!["url"]!).LocalPath)}:{m["lastLine"]}: {m["message"]} [{m["extract"]}]")
            .ToArray();
        Assert.True(errors.Length == 0, string.Join('\n', errors));
        Assert.Equal(0, exit);
    }
}
