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

        var (exit, errors) = await Tooling.NuHtmlCheckAsync(files, site.Folder, alsoCssAndSvg: true);
        Assert.True(errors.Count == 0, string.Join('\n', errors));
        Assert.Equal(0, exit);
    }
}
