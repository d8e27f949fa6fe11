using StatusComms.Candor;
using StatusComms.Incidents;
using StatusComms.Postmortems;

namespace StatusComms.CommsConsole;

/// <summary>templates/console/Postmortem.cshtml: the postmortem editor of one incident.</summary>
/// <param name="Details">The postmortem with what is computed from the incident; null until one is started.</param>
/// <param name="Form">The section texts shown: the document's, or what was posted when it was refused.</param>
/// <param name="Findings">What the candor check and the postmortem rules found, by the field they concern (<see cref="PostmortemConsole.FieldOf"/>).</param>
/// <param name="PreviewHtml">The customer summary exactly as it would be published now.</param>
/// <param name="Problems">Why the last action was refused, by field ("" for the form as a whole).</param>
/// <param name="Posted">What the refused form posted (a new action item or timeline entry), to show it again.</param>
public sealed record PostmortemEditorView(
    ConsoleChrome Chrome,
    Incident Incident,
    PostmortemDetails? Details,
    PostmortemForm Form,
    IReadOnlyDictionary<string, IReadOnlyList<CandorFinding>> Findings,
    string? PreviewHtml,
    string? Notice,
    IReadOnlyDictionary<string, string> Problems,
    IReadOnlyDictionary<string, string> Posted,
    bool Conflict)
{
    /// <summary>A field of the refused form as posted, or <paramref name="otherwise"/>.</summary>
    public string PostedOr(string name, string otherwise) => Posted.GetValueOrDefault(name) ?? otherwise;

    public IReadOnlyList<CandorFinding> FindingsFor(string field) => Findings.GetValueOrDefault(field) ?? [];

    public string? ProblemFor(string field) => Problems.GetValueOrDefault(field);

    public int Errors => Findings.Values.Sum(f => f.Count(x => x.Severity == FindingSeverity.Error));
}

/// <summary>The sections as the editor's form posts them; lists of people are comma-separated.</summary>
public sealed record PostmortemForm
{
    public string Title { get; init; } = string.Empty;
    public string Owners { get; init; } = string.Empty;
    public string Authors { get; init; } = string.Empty;
    public string Participants { get; init; } = string.Empty;
    public string ExecutiveSummary { get; init; } = string.Empty;
    public string BusinessImpact { get; init; } = string.Empty;
    public string RootCause { get; init; } = string.Empty;
    public string LessonsLearned { get; init; } = string.Empty;
    public string Apology { get; init; } = string.Empty;

    /// <summary>Computed timeline entries kept out of the customer summary.</summary>
    public IReadOnlyList<string> Hidden { get; init; } = [];

    /// <summary>The document's version the form was read from (its ETag).</summary>
    public string? Version { get; init; }

    public static PostmortemForm Of(Postmortem postmortem)
    {
        ArgumentNullException.ThrowIfNull(postmortem);
        var c = postmortem.Content;
        return new PostmortemForm
        {
            Title = c.Title,
            Owners = string.Join(", ", c.Owners),
            Authors = string.Join(", ", c.Authors),
            Participants = string.Join(", ", c.Participants),
            ExecutiveSummary = c.ExecutiveSummary,
            BusinessImpact = c.BusinessImpact,
            RootCause = c.RootCause,
            LessonsLearned = c.LessonsLearned,
            Apology = c.Apology,
            Hidden = c.HiddenComputedEntries,
            Version = postmortem.Version,
        };
    }

    public PostmortemEdit ToEdit() => new()
    {
        Title = Title,
        Owners = People(Owners),
        Authors = People(Authors),
        Participants = People(Participants),
        ExecutiveSummary = ExecutiveSummary,
        BusinessImpact = BusinessImpact,
        RootCause = RootCause,
        LessonsLearned = LessonsLearned,
        Apology = Apology,
        HiddenTimelineEntries = Hidden,
    };

    private static string[] People(string text) => text.Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A section of the document as the editor shows it.</summary>
/// <param name="Field">The form field and the findings' field name.</param>
public sealed record PostmortemSection(string Field, string Label, string Hint, int Rows)
{
    /// <summary>The sections customers read, in the order of the published summary.</summary>
    public static readonly IReadOnlyList<PostmortemSection> All =
    [
        new("executive_summary", "What happened (summary)", "Two or three sentences: what customers saw, when, and that it is fixed.", 4),
        new("business_impact", "Business impact", "What only you know: the share of requests that failed, orders or messages affected.", 3),
        new("root_cause", "Why it happened (root cause)", "In plain words a customer understands, blaming no person.", 5),
        new("lessons_learned", "Lessons learned", "What this taught the team.", 4),
        new("apology", "Apology", "Name what customers went through and for how long: \"We're sorry: for 52 minutes, card payments in the EU failed.\"", 3),
    ];

    public string ValueIn(PostmortemForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return Field switch
        {
            "executive_summary" => form.ExecutiveSummary,
            "business_impact" => form.BusinessImpact,
            "root_cause" => form.RootCause,
            "lessons_learned" => form.LessonsLearned,
            _ => form.Apology,
        };
    }
}

/// <summary>Reads the postmortem editor's page: the document, its findings placed beside the fields they concern, and the preview.</summary>
public sealed class PostmortemConsole(PostmortemService postmortems, IIncidentStore incidents)
{
    /// <summary>The editor, or null when there is no such incident.</summary>
    /// <param name="form">What to show in the fields (posted text after a refusal); null: the document as stored.</param>
    public async Task<PostmortemEditorView?> EditorAsync(ConsoleChrome chrome, string incidentId, PostmortemForm? form, string? notice, IReadOnlyDictionary<string, string> problems, IReadOnlyDictionary<string, string> posted, bool conflict, CancellationToken cancellationToken)
    {
        PostmortemDetails? details;
        try
        {
            details = await postmortems.GetAsync(incidentId, cancellationToken);
        }
        catch (IncidentNotFoundException)
        {
            return null;
        }

        if (details is null)
        {
            // No postmortem yet (the common case reads the incident once, with it).
            var incident = await incidents.GetAsync(incidentId, cancellationToken);
            return incident is null ? null : new PostmortemEditorView(chrome, incident, null, new PostmortemForm(), new Dictionary<string, IReadOnlyList<CandorFinding>>(), null, notice, problems, posted, conflict);
        }

        var preview = await postmortems.PreviewAsync(details, ConsoleService.AssetRoot, cancellationToken);
        var checkedText = PostmortemService.CheckedText(details.Summary, details.Postmortem.Content);
        var byField = details.Findings
            .GroupBy(f => FieldOf(f, details.Postmortem.Content, checkedText))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<CandorFinding>)g.OrderByDescending(f => f.Severity).ToArray(), StringComparer.Ordinal);
        return new PostmortemEditorView(chrome, details.Incident, details, form ?? PostmortemForm.Of(details.Postmortem), byField, preview, notice, problems, posted, conflict);
    }

    /// <summary>
    /// The field a finding concerns: a section's name, "title", "item:{id}" for one action item, "action_items",
    /// "timeline" for the team's entries, or "summary" for what no single field holds (the computed parts).
    /// </summary>
    /// <param name="checkedText">The text the candor check read (<see cref="PostmortemService.CheckedText"/>).</param>
    public static string FieldOf(CandorFinding finding, PostmortemContent content, string checkedText)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(checkedText);
        if (finding.Field == "title" || PostmortemSection.All.Any(s => s.Field == finding.Field))
        {
            return finding.Field;
        }

        if (finding.Field.StartsWith("action_items[", StringComparison.Ordinal)
            && int.TryParse(finding.Field.AsSpan(13, finding.Field.Length - 14), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            && index < content.ActionItems.Count)
        {
            return "item:" + content.ActionItems[index].Id;
        }

        if (finding.Field.StartsWith("action_items", StringComparison.Ordinal))
        {
            return "action_items";
        }

        if (finding.Start >= 0 && finding.Start + finding.Length <= checkedText.Length && finding.Length > 0)
        {
            var words = checkedText.Substring(finding.Start, finding.Length);
            (string Field, string Text)[] sections =
            [
                ("executive_summary", content.ExecutiveSummary), ("business_impact", content.BusinessImpact), ("root_cause", content.RootCause),
                ("lessons_learned", content.LessonsLearned), ("apology", content.Apology),
            ];
            foreach (var (field, text) in sections)
            {
                if (text.Contains(words, StringComparison.Ordinal))
                {
                    return field;
                }
            }

            if (content.TimelineEntries.Any(e => e.Text.Contains(words, StringComparison.Ordinal)))
            {
                return "timeline";
            }
        }

        return finding.RuleId.Contains("apology", StringComparison.Ordinal) ? "apology" : "summary";
    }
}
