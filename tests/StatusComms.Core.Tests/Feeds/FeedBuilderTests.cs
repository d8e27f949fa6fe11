using System.Xml.Linq;
using StatusComms.Core.Tests.PublicApi;
using StatusComms.Feeds;

namespace StatusComms.Core.Tests.Feeds;

public sealed class FeedBuilderTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public void Atom_has_one_entry_per_incident_or_maintenance_newest_first_with_the_trail_newest_first()
    {
        var feed = XDocument.Parse(FeedBuilder.Atom(PublicApiBuilderTests.Content()));

        var entries = feed.Root!.Elements(Atom + "entry").ToArray();
        Assert.Equal(
            ["https://status.acme.test/incidents/inc-open.html", "https://status.acme.test/#maintenance-mnt-next", "https://status.acme.test/#maintenance-mnt-active", "https://status.acme.test/incidents/inc-old.html", "https://status.acme.test/#maintenance-mnt-done"],
            entries.Select(e => e.Element(Atom + "id")!.Value));
        var old = entries[3];
        Assert.Equal("Slow dashboard", old.Element(Atom + "title")!.Value);
        Assert.Equal("2026-11-22T09:00:00Z", old.Element(Atom + "published")!.Value);
        Assert.Equal("2026-11-22T10:00:00Z", old.Element(Atom + "updated")!.Value);
        Assert.Equal("html", old.Element(Atom + "content")!.Attribute("type")!.Value);
        Assert.Equal(
            "<p><small>22 Nov 2026, 10:00 UTC</small><br><strong>Resolved</strong> - Resolved. We are sorry the dashboard was slow for an hour.</p>"
            + "<p><small>22 Nov 2026, 09:00 UTC</small><br><strong>Investigating</strong> - The dashboard is slow to load.</p>",
            old.Element(Atom + "content")!.Value);
        Assert.Equal("https://status.acme.test/history.atom", feed.Root.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")!.Value);
        Assert.NotNull(feed.Root.Element(Atom + "author"));
    }

    [Fact]
    public void Typed_text_is_encoded_as_html_inside_the_xml()
    {
        var atom = FeedBuilder.Atom(PublicApiBuilderTests.Content());
        var content = XDocument.Parse(atom).Root!.Elements(Atom + "entry").First().Element(Atom + "content")!.Value;

        Assert.Contains("Card payments fail with &quot;502&quot; &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;", content, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", content, StringComparison.Ordinal);
    }

    [Fact]
    public void Rss_items_carry_permalink_guids_and_rfc_822_dates()
    {
        var rss = XDocument.Parse(FeedBuilder.Rss(PublicApiBuilderTests.Content()));

        Assert.Equal("2.0", rss.Root!.Attribute("version")!.Value);
        var items = rss.Root.Element("channel")!.Elements("item").ToArray();
        Assert.Equal(5, items.Length);
        var old = items[3];
        Assert.Equal("https://status.acme.test/incidents/inc-old.html", old.Element("guid")!.Value);
        Assert.Equal("true", old.Element("guid")!.Attribute("isPermaLink")!.Value);
        Assert.Equal("Sun, 22 Nov 2026 09:00:00 +0000", old.Element("pubDate")!.Value);
        Assert.StartsWith("<p><small>22 Nov 2026, 10:00 UTC</small><br><strong>Resolved</strong> - ", old.Element("description")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Characters_xml_cannot_carry_are_dropped_rather_than_failing_the_publish()
    {
        var content = PublicApiBuilderTests.Content();
        content.OpenIncidents[0].Rename("Payments \u0001down", content.Now);
        var atom = FeedBuilder.Atom(content with { RecentIncidents = [StatusComms.Incidents.IncidentDigest.Of(content.OpenIncidents[0])] });

        Assert.Contains("<title>Payments down</title>", atom, StringComparison.Ordinal);
    }
}
