using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;
using StatusComms.Incidents;
using StatusComms.Maintenance;
using StatusComms.StatusPage;

namespace StatusComms.Feeds;

/// <summary>
/// The incident history feeds, shaped as Statuspage publishes them: one entry per incident or maintenance, newest
/// first, whose HTML content is its trail of updates, newest first, one paragraph each:
/// <c>&lt;small&gt;time UTC&lt;/small&gt;&lt;br&gt;&lt;strong&gt;Status&lt;/strong&gt; - body</c>. Feed readers and
/// chat integrations take the first <c>&lt;strong&gt;</c> as the current status.
/// </summary>
public static class FeedBuilder
{
    public const int Length = 50;
    public const string AtomPath = "history.atom";
    public const string RssPath = "history.rss";

    private const string AtomNamespace = "http://www.w3.org/2005/Atom";

    public static IReadOnlyList<FeedEntry> Entries(SiteContent content)
    {
        var incidents = content.LatestIncidents(Length).Select(i => new FeedEntry(
            content.Page.Url + SiteViewBuilder.IncidentHref(i.Id),
            i.Name,
            i.CreatedAt,
            i.UpdatedAt,
            Trail(i.Updates.Reverse().Select(u => (u.DisplayAt, StatusLabels.For(u.Status), u.Body)))));
        var maintenances = content.Maintenances.Select(m => new FeedEntry(
            content.Page.Url + SiteViewBuilder.MaintenanceHref(m.Id),
            m.Name,
            m.CreatedAt,
            m.UpdatedAt,
            Trail(m.Updates.Reverse().Select(u => (u.CreatedAt, StatusLabels.For(u.Status), u.Body)))));
        return incidents.Concat(maintenances).OrderByDescending(e => e.Published).ThenBy(e => e.Link, StringComparer.Ordinal).Take(Length).ToArray();
    }

    public static string Atom(SiteContent content)
    {
        var page = content.Page;
        return Write(writer =>
        {
            writer.WriteStartElement("feed", AtomNamespace);
            writer.WriteAttributeString("xml", "lang", null, "en");
            writer.WriteElementString("id", AtomNamespace, page.Url + "/" + AtomPath);
            writer.WriteElementString("title", AtomNamespace, Clean($"{page.Name} status - incident history"));
            writer.WriteElementString("updated", AtomNamespace, SiteFormat.Iso(content.LastChangedAt));
            Link(writer, "alternate", "text/html", page.Url + "/");
            Link(writer, "self", "application/atom+xml", page.Url + "/" + AtomPath);
            writer.WriteStartElement("author", AtomNamespace);
            writer.WriteElementString("name", AtomNamespace, Clean(page.Name));
            writer.WriteEndElement();
            foreach (var entry in Entries(content))
            {
                writer.WriteStartElement("entry", AtomNamespace);
                writer.WriteElementString("id", AtomNamespace, entry.Link);
                writer.WriteElementString("published", AtomNamespace, SiteFormat.Iso(entry.Published));
                writer.WriteElementString("updated", AtomNamespace, SiteFormat.Iso(entry.Updated));
                Link(writer, "alternate", "text/html", entry.Link);
                writer.WriteElementString("title", AtomNamespace, Clean(entry.Title));
                writer.WriteStartElement("content", AtomNamespace);
                writer.WriteAttributeString("type", "html");
                writer.WriteString(Clean(entry.Html));
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        });
    }

    public static string Rss(SiteContent content)
    {
        var page = content.Page;
        return Write(writer =>
        {
            writer.WriteStartElement("rss");
            writer.WriteAttributeString("version", "2.0");
            writer.WriteAttributeString("xmlns", "atom", null, AtomNamespace);
            writer.WriteStartElement("channel");
            writer.WriteElementString("title", Clean($"{page.Name} status - incident history"));
            writer.WriteElementString("link", page.Url + "/");
            writer.WriteElementString("description", Clean($"Incidents and maintenance of {page.Name}, with every update."));
            writer.WriteElementString("language", "en");
            writer.WriteElementString("lastBuildDate", Rfc822(content.LastChangedAt));
            writer.WriteStartElement("atom", "link", AtomNamespace);
            writer.WriteAttributeString("href", page.Url + "/" + RssPath);
            writer.WriteAttributeString("rel", "self");
            writer.WriteAttributeString("type", "application/rss+xml");
            writer.WriteEndElement();
            foreach (var entry in Entries(content))
            {
                writer.WriteStartElement("item");
                writer.WriteElementString("title", Clean(entry.Title));
                writer.WriteElementString("description", Clean(entry.Html));
                writer.WriteElementString("pubDate", Rfc822(entry.Published));
                writer.WriteElementString("link", entry.Link);
                writer.WriteStartElement("guid");
                writer.WriteAttributeString("isPermaLink", "true");
                writer.WriteString(entry.Link);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        });
    }

    /// <summary>The trail, newest first: one paragraph per update, its text HTML-encoded.</summary>
    public static string Trail(IEnumerable<(DateTimeOffset At, string Status, string Body)> updates)
    {
        var html = new StringBuilder();
        foreach (var (at, status, body) in updates)
        {
            html.Append("<p><small>").Append(WebUtility.HtmlEncode(SiteFormat.Human(at))).Append("</small><br><strong>")
                .Append(WebUtility.HtmlEncode(status)).Append("</strong> - ")
                .Append(WebUtility.HtmlEncode(body).ReplaceLineEndings("<br>")).Append("</p>");
        }

        return html.ToString();
    }

    /// <summary>XML cannot carry most C0 control characters; a feed must never fail to publish over one, so they go.</summary>
    private static string Clean(string text)
        => text.Any(c => !XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c)) ? new string(text.Where(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c)).ToArray()) : text;

    private static string Rfc822(DateTimeOffset time) => time.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    private static void Link(XmlWriter writer, string rel, string type, string href)
    {
        writer.WriteStartElement("link", AtomNamespace);
        writer.WriteAttributeString("rel", rel);
        writer.WriteAttributeString("type", type);
        writer.WriteAttributeString("href", href);
        writer.WriteEndElement();
    }

    private static string Write(Action<XmlWriter> body)
    {
        var text = new Utf8StringWriter();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            body(writer);
        }

        return text.ToString();
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(CultureInfo.InvariantCulture)
        {
        }

        public override Encoding Encoding => Encoding.UTF8;
    }
}

/// <summary>One feed entry: an incident or a maintenance, with its trail as HTML.</summary>
public sealed record FeedEntry(string Link, string Title, DateTimeOffset Published, DateTimeOffset Updated, string Html);
