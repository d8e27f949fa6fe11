using System.IO.Compression;
using System.Text.RegularExpressions;

namespace StatusComms.Site.Tests;

/// <summary>The front page must arrive in one network round trip: about 14 KB (TCP's first ten segments).</summary>
[Collection(PublishedSiteCollection.Name)]
public sealed partial class PageWeightTests(PublishedSite site)
{
    public const int Budget = 14 * 1024;

    [Fact]
    public void The_front_page_with_its_stylesheet_is_at_most_14_KB_gzipped_at_the_busiest()
    {
        var index = site.Read("index.html");
        Assert.Equal(PublishedSite.ComponentCount, ComponentRow().Count(index));
        Assert.Equal(PublishedSite.ActiveIncidentCount, ActiveIncident().Count(index));
        Assert.Equal(PublishedSite.ComponentCount, UptimeBars().Count(index));

        var html = Gzipped(site.ReadBytes("index.html"));
        var css = Gzipped(site.ReadBytes(site.StylesheetPath));

        Assert.True(html + css <= Budget, $"index.html {html:N0} B + stylesheet {css:N0} B gzipped = {html + css:N0} B, over the {Budget:N0} B budget");
    }

    [Fact]
    public void Pages_load_no_web_fonts_no_framework_and_no_third_party_resource()
    {
        foreach (var path in site.HtmlPages)
        {
            var html = site.Read(path);
            foreach (Match reference in Reference().Matches(html))
            {
                var target = reference.Groups["url"].Value;
                Assert.True(target.StartsWith('/') || target.StartsWith('#') || target.StartsWith("https://status.acme.test/", StringComparison.Ordinal), $"{path} refers to {target}");
            }

            Assert.DoesNotMatch("<script(?![^>]*src=\"/assets/[a-z-]+\\.[0-9a-f]{12}\\.js\")", html);
        }

        Assert.DoesNotContain("@font-face", site.Read(site.StylesheetPath), StringComparison.Ordinal);
        Assert.DoesNotContain("@import", site.Read(site.StylesheetPath), StringComparison.Ordinal);
    }

    private static int Gzipped(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return (int)buffer.Length;
    }

    [GeneratedRegex("<li id=\"c-[^\"]+\"><div class=\"row\">")]
    private static partial Regex ComponentRow();

    [GeneratedRegex("<article class=\"incident ")]
    private static partial Regex ActiveIncident();

    [GeneratedRegex("class=\"bars\"")]
    private static partial Regex UptimeBars();

    [GeneratedRegex("(?:href|src)=\"(?<url>[^\"]+)\"")]
    private static partial Regex Reference();
}
