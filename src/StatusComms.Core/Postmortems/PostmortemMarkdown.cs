using System.Globalization;
using System.Text;
using StatusComms.Common;
using StatusComms.Incidents;
using StatusComms.StatusPage;

namespace StatusComms.Postmortems;

/// <summary>
/// The whole internal document as Markdown, for the team's wiki. Never published to the status site. What people
/// typed is text, not Markdown: every character Markdown or HTML would act on is escaped, so a pasted
/// <c>&lt;script&gt;</c> or <c>[x](javascript:…)</c> arrives as the words it is; only http and https links are links.
/// </summary>
public static class PostmortemMarkdown
{
    public static string Write(Incident incident, Postmortem postmortem, ImpactAnalysis impact)
    {
        var c = postmortem.Content;
        var md = new StringBuilder();
        md.Append("# ").Append(Line(c.Title)).Append("\n\n");
        md.Append("| | |\n| --- | --- |\n");
        md.Append("| Incident | ").Append(Line(incident.Name)).Append(" (`").Append(incident.Id).Append("`) |\n");
        md.Append("| Status | ").Append(WireName.Of(postmortem.Status)).Append(postmortem.PublishedAt is { } p ? $", published {SiteFormat.Human(p)}" : string.Empty).Append(" |\n");
        md.Append("| Owners | ").Append(Line(string.Join(", ", c.Owners))).Append(" |\n");
        md.Append("| Authors | ").Append(Line(string.Join(", ", c.Authors))).Append(" |\n");
        md.Append("| Participants | ").Append(Line(string.Join(", ", c.Participants))).Append(" |\n\n");
        Section(md, "Executive summary", c.ExecutiveSummary);

        md.Append("## Impact\n\n");
        md.Append("- Started: ").Append(SiteFormat.Human(impact.StartedAt)).Append('\n');
        md.Append("- Detected (first update): ").Append(SiteFormat.Human(impact.DetectedAt)).Append('\n');
        md.Append("- First customer update after: ").Append(SiteFormat.Duration(impact.TimeToFirstUpdate)).Append('\n');
        md.Append("- Mitigated: ").Append(impact.MitigatedAt is { } m ? SiteFormat.Human(m) : "—").Append('\n');
        md.Append("- Resolved: ").Append(impact.ResolvedAt is { } r ? SiteFormat.Human(r) : "—").Append(impact.Duration is { } d ? $" (after {SiteFormat.Duration(d)})" : string.Empty).Append('\n');
        md.Append("- Subscribers notified: ").Append(impact.SubscribersNotified.ToString("N0", CultureInfo.InvariantCulture)).Append('\n');
        foreach (var component in impact.Components)
        {
            md.Append("- ").Append(Line(component.Name)).Append(": ").Append(string.Join(", ", component.Times.Select(t => $"{StatusLabels.For(t.Status)} {SiteFormat.Duration(t.Duration)}"))).Append('\n');
        }

        md.Append('\n');
        Section(md, "Business impact", c.BusinessImpact);
        Section(md, "Root cause", c.RootCause);

        md.Append("## Timeline (UTC)\n\n");
        foreach (var entry in PostmortemTimeline.Build(incident, c))
        {
            md.Append("- ").Append(SiteFormat.Human(entry.At)).Append(" — ").Append(Line(entry.Text)).Append(entry.Public ? string.Empty : " *(internal)*").Append('\n');
        }

        md.Append("\n## Action items\n\n| | Action | Owner | Due | Kind | Status | Public |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        foreach (var (item, i) in c.ActionItems.Select((item, i) => (item, i + 1)))
        {
            md.Append('|').Append(i).Append(" | ").Append(item.Link is { Scheme: "https" or "http" } link ? $"[{Line(item.Description)}](<{link.AbsoluteUri.Replace(">", "%3E", StringComparison.Ordinal)}>)" : Line(item.Description) + (item.Link is { } other ? $" ({Line(other.OriginalString)})" : string.Empty)).Append(" | ")
                .Append(Line(item.Owner ?? "—")).Append(" | ").Append(item.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—").Append(" | ")
                .Append(WireName.Of(item.Kind)).Append(" | ").Append(WireName.Of(item.Status)).Append(" | ").Append(item.Public ? "yes" : "no").Append(" |\n");
        }

        md.Append('\n');
        Section(md, "Lessons learned", c.LessonsLearned);
        Section(md, "Apology (in the customer summary)", c.Apology);

        md.Append("## Revisions\n\n");
        foreach (var revision in postmortem.Revisions)
        {
            md.Append("- ").Append(revision.Number).Append(". ").Append(SiteFormat.Human(revision.At)).Append(", ").Append(Line(revision.By)).Append(": ").Append(Line(revision.Change)).Append('\n');
        }

        return md.ToString();
    }

    private static void Section(StringBuilder md, string title, string text)
        => md.Append("## ").Append(title).Append("\n\n").Append(text.Trim().Length == 0 ? "*(empty)*" : Escape(text.Trim())).Append("\n\n");

    private static string Line(string text) => Escape(text.ReplaceLineEndings(" "));

    /// <summary>
    /// Text as Markdown shows it literally: a backslash before each character CommonMark gives meaning to (emphasis,
    /// links, code, headings, lists, tables, HTML) and the ampersand as an entity, so nothing becomes markup.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => escaped.Append("&amp;"),
                '\\' or '`' or '*' or '_' or '{' or '}' or '[' or ']' or '<' or '>' or '(' or ')' or '#' or '+' or '-' or '!' or '|' or '~' or '=' => escaped.Append('\\').Append(c),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}
