using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using StatusComms.Common;

namespace StatusComms.Postmortems;

/// <summary>
/// A postmortem as one text, the way Statuspage's clients send it (<c>body_draft</c>), read into the document's
/// sections and written back from them. The text's headings name the sections ("Summary", "Impact", "Root cause",
/// "Action items", "Lessons learned", "Apology", and their usual wordings); a section whose heading names none of
/// them, and text before the first heading, joins the summary, so no word the author wrote is dropped. Bullets under
/// an action heading are action items, with "(owner: …, due: 2026-12-15)" read as their owner and date and "[x]" as
/// done. <see cref="Write"/> gives the same form back, so what a client reads it can send again unchanged.
/// </summary>
public static partial class PostmortemDraftText
{
    /// <summary>The section a heading was read as, for the answer's record of how the text was taken.</summary>
    public enum Section
    {
        [JsonStringEnumMemberName("title")]
        Title,

        [JsonStringEnumMemberName("executive_summary")]
        ExecutiveSummary,

        [JsonStringEnumMemberName("business_impact")]
        BusinessImpact,

        [JsonStringEnumMemberName("root_cause")]
        RootCause,

        [JsonStringEnumMemberName("action_items")]
        ActionItems,

        [JsonStringEnumMemberName("lessons_learned")]
        LessonsLearned,

        [JsonStringEnumMemberName("apology")]
        Apology,
    }

    /// <summary>One action item as the text gives it.</summary>
    public sealed record ItemLine(string Description, string? Owner, DateOnly? DueDate, bool Done);

    /// <summary>What the text says, section by section, and how each heading was read.</summary>
    public sealed record Reading(
        string? Title,
        string ExecutiveSummary,
        string BusinessImpact,
        string RootCause,
        string LessonsLearned,
        string Apology,
        IReadOnlyList<ItemLine> ActionItems,
        IReadOnlyList<(string Heading, Section Section)> Headings);

    public static Reading Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new Dictionary<Section, StringBuilder>();
        var headings = new List<(string, Section)>();
        string? title = null;
        var current = Section.ExecutiveSummary;
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            if (Heading(raw) is { } heading)
            {
                if (heading.Level == 1 && title is null && parts.Count == 0)
                {
                    title = heading.Text;
                    headings.Add((heading.Text, Section.Title));
                    continue;
                }

                current = SectionNamed(heading.Text) ?? Section.ExecutiveSummary;
                headings.Add((heading.Text, current));
                if (SectionNamed(heading.Text) is null)
                {
                    // A section of its own kind ("Timeline", "Background"): kept, under its heading, in the summary.
                    Append(parts, Section.ExecutiveSummary, heading.Text + ":");
                }

                continue;
            }

            Append(parts, current, raw);
        }

        string Text(Section section) => parts.TryGetValue(section, out var b) ? Tidy(b.ToString()) : string.Empty;
        return new Reading(title, Text(Section.ExecutiveSummary), Text(Section.BusinessImpact), Text(Section.RootCause), Text(Section.LessonsLearned), Text(Section.Apology), Items(Text(Section.ActionItems)), headings);
    }

    /// <summary>
    /// The document with the text's sections in place of its own: a section the text leaves out is emptied, as
    /// sending the whole text says; an action item the text still names (same words) keeps its id, kind, link and
    /// visibility. The title, people and timeline entries stay unless the text gives a title.
    /// </summary>
    public static PostmortemContent Apply(PostmortemContent content, Reading reading)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(reading);
        var existing = content.ActionItems.ToLookup(i => Normal(i.Description));
        // "[x]" is done; an unticked item is open, or keeps the progress it had (in progress) unless it was done.
        var items = reading.ActionItems.Select(line => existing[Normal(line.Description)].FirstOrDefault() is { } kept
            ? kept with { Description = line.Description, Owner = line.Owner, DueDate = line.DueDate, Status = line.Done ? ActionItemStatus.Done : kept.Status == ActionItemStatus.Done ? ActionItemStatus.Open : kept.Status }
            : new PostmortemActionItem(Ids.NewId(), line.Description, line.Owner, line.DueDate, line.Done ? ActionItemKind.ImmediateFix : ActionItemKind.LongTermPrevention, line.Done ? ActionItemStatus.Done : ActionItemStatus.Open, null, true)).ToArray();
        return content with
        {
            Title = reading.Title ?? content.Title,
            ExecutiveSummary = reading.ExecutiveSummary,
            BusinessImpact = reading.BusinessImpact,
            RootCause = reading.RootCause,
            LessonsLearned = reading.LessonsLearned,
            Apology = reading.Apology,
            ActionItems = items,
        };
    }

    /// <summary>The document as one Markdown text in the form <see cref="Read"/> takes; empty sections are left out.</summary>
    public static string Write(PostmortemContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var md = new StringBuilder();
        if (content.Title.Trim().Length > 0)
        {
            md.Append("# ").Append(content.Title.Trim().ReplaceLineEndings(" ")).Append("\n\n");
        }

        void Part(string heading, string text)
        {
            if (text.Trim().Length > 0)
            {
                md.Append("## ").Append(heading).Append("\n\n").Append(text.Trim()).Append("\n\n");
            }
        }

        Part("Summary", content.ExecutiveSummary);
        Part("Impact", content.BusinessImpact);
        Part("Root cause", content.RootCause);
        Part("Action items", string.Join('\n', content.ActionItems.Select(ItemText)));
        Part("Lessons learned", content.LessonsLearned);
        Part("Apology", content.Apology);
        return md.ToString().TrimEnd() + "\n";
    }

    private static string ItemText(PostmortemActionItem item)
    {
        var meta = new List<string>();
        if (item.Owner is { Length: > 0 } owner)
        {
            meta.Add("owner: " + owner);
        }

        if (item.DueDate is { } due)
        {
            meta.Add("due: " + due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return $"- [{(item.Status == ActionItemStatus.Done ? 'x' : ' ')}] {item.Description.ReplaceLineEndings(" ")}{(meta.Count > 0 ? $" ({string.Join(", ", meta)})" : string.Empty)}";
    }

    private static (int Level, string Text)? Heading(string line)
    {
        if (MarkdownHeading().Match(line) is { Success: true } markdown)
        {
            return (markdown.Groups["hashes"].Length, markdown.Groups["text"].Value.Trim());
        }

        // "**Root cause**" or "Root cause:" alone on a line, when it names a section.
        if (BoldOrColonHeading().Match(line) is { Success: true } plain && SectionNamed(plain.Groups["text"].Value) is not null)
        {
            return (2, plain.Groups["text"].Value.Trim());
        }

        return null;
    }

    /// <summary>The section a heading names, or null. Order matters: "Impact summary" is the impact.</summary>
    private static Section? SectionNamed(string heading)
    {
        var h = Normal(heading);
        if (h.Length == 0 || h.Length > 60)
        {
            return null;
        }

        return h switch
        {
            _ when h.Contains("action", StringComparison.Ordinal) || h.Contains("next step", StringComparison.Ordinal) || h.Contains("follow up", StringComparison.Ordinal)
                || h.Contains("prevent", StringComparison.Ordinal) || h.Contains("remediat", StringComparison.Ordinal) || h.Contains("improvement", StringComparison.Ordinal)
                || h.StartsWith("what we are doing", StringComparison.Ordinal) || h.StartsWith("what we re doing", StringComparison.Ordinal)
                || h.StartsWith("what we will", StringComparison.Ordinal) || h.StartsWith("what we re changing", StringComparison.Ordinal)
                || h.StartsWith("what we are changing", StringComparison.Ordinal) || h.StartsWith("what we did", StringComparison.Ordinal) => Section.ActionItems,
            _ when h.Contains("cause", StringComparison.Ordinal) || h.StartsWith("why", StringComparison.Ordinal) || h.Contains("what went wrong", StringComparison.Ordinal) => Section.RootCause,
            _ when h.Contains("lesson", StringComparison.Ordinal) || h.Contains("learn", StringComparison.Ordinal) => Section.LessonsLearned,
            _ when h.Contains("apolog", StringComparison.Ordinal) || h.Contains("sorry", StringComparison.Ordinal) => Section.Apology,
            _ when h.Contains("impact", StringComparison.Ordinal) || h.Contains("affected", StringComparison.Ordinal) => Section.BusinessImpact,
            _ when h.Contains("summary", StringComparison.Ordinal) || h.Contains("overview", StringComparison.Ordinal) || h.Contains("what happened", StringComparison.Ordinal)
                || h == "description" || h == "incident" => Section.ExecutiveSummary,
            _ => null,
        };
    }

    private static List<ItemLine> Items(string text)
    {
        var items = new List<ItemLine>();
        foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            var bullet = Bullet().Match(line);
            if (!bullet.Success && items.Count > 0)
            {
                // A wrapped line continues the item above.
                items[^1] = Item(items[^1].Description + " " + line, items[^1].Done);
                continue;
            }

            items.Add(Item(bullet.Success ? bullet.Groups["text"].Value : line, bullet.Groups["check"].Value is "x" or "X"));
        }

        return items;
    }

    private static ItemLine Item(string text, bool done)
    {
        var owner = Owner().Match(text) is { Success: true } o ? o.Groups["owner"].Value.Trim() : null;
        var due = Due().Match(text) is { Success: true } d && DateOnly.TryParseExact(d.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : (DateOnly?)null;
        var description = text;
        if ((owner is not null || due is not null) && TrailingParenthesis().Match(text) is { Success: true } meta && (Owner().IsMatch(meta.Value) || Due().IsMatch(meta.Value)))
        {
            description = text[..meta.Index];
        }

        return new ItemLine(description.Trim(), owner is { Length: > 0 } ? owner : null, due, done);
    }

    private static void Append(Dictionary<Section, StringBuilder> parts, Section section, string line)
    {
        if (!parts.TryGetValue(section, out var builder))
        {
            parts[section] = builder = new StringBuilder();
        }

        builder.Append(line).Append('\n');
    }

    /// <summary>Trims the section and closes up runs of blank lines.</summary>
    private static string Tidy(string text) => BlankLines().Replace(text.Trim(), "\n\n");

    private static string Normal(string text) => NotWord().Replace(text.ToLowerInvariant(), " ").Trim();

    [GeneratedRegex(@"^\s{0,3}(?<hashes>#{1,6})\s+(?<text>.+?)\s*#*\s*$")]
    private static partial Regex MarkdownHeading();

    [GeneratedRegex(@"^\s*(?:\*\*|__)(?<text>[^*_]{1,60}?)(?::)?(?:\*\*|__):?\s*$|^\s*(?<text>[^:]{1,60}):\s*$")]
    private static partial Regex BoldOrColonHeading();

    [GeneratedRegex(@"^(?:[-*+]|\d+[.)])\s+(?:\[(?<check>[ xX])\]\s+)?(?<text>.+)$")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"\bowner\s*:\s*(?<owner>[^,;()]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Owner();

    [GeneratedRegex(@"\b(?:due|by)\s*:?\s*(?<date>\d{4}-\d{2}-\d{2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex Due();

    [GeneratedRegex(@"\s*\([^()]*\)\s*$")]
    private static partial Regex TrailingParenthesis();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NotWord();
}
