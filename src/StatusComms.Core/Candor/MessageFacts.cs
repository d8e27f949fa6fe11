using System.Text.RegularExpressions;
using P = StatusComms.Candor.CandorPatterns;

namespace StatusComms.Candor;

/// <summary>
/// What a message tells customers, read once for every rule: whether it names a symptom they would recognise, what
/// is affected (in the body, the title or the attached components), when, and what it promises about the next
/// update. The words of the promise are left out of the rest, so "Next update in 30 minutes" is not taken for a
/// statement of when the problem started.
/// </summary>
internal sealed partial class MessageFacts
{
    private MessageFacts(CandorDraft draft, CandorOptions options)
    {
        Body = draft.Body;
        Promise = NextUpdatePromises.Find(draft.Body, draft.Now, options.Zone, includeClosing: draft.Stage is Incidents.IncidentStatus.Monitoring);
        Said = Promise is { } promise ? string.Concat(Body.AsSpan(0, promise.Start), new string(' ', promise.Length), Body.AsSpan(promise.Start + promise.Length)) : Body;

        HasSymptom = P.Symptom().IsMatch(Said);
        HasWeakSymptom = HasSymptom || P.WeakSymptom().IsMatch(Said);
        HasTime = P.When().IsMatch(Said);
        Vocabulary = draft.AffectedComponents.Concat(draft.PageVocabulary).Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var namesComponent = draft.AffectedComponents.Any(name => Mentions(Said, name));
        HasBodyScope = namesComponent || NamesScope(Said) || P.ProductName().IsMatch(Said);
        var title = draft.Title ?? string.Empty;
        HasScope = HasBodyScope || draft.AffectedComponents.Count > 0 || NamesScope(title) || P.Feature().IsMatch(title);
        Sentences = Split(Body);
    }

    public static MessageFacts Of(CandorDraft draft, CandorOptions options) => new(draft, options);

    public string Body { get; }

    /// <summary>The body with the promise's words blanked out (offsets unchanged).</summary>
    public string Said { get; }

    public NextUpdatePromise? Promise { get; }

    /// <summary>Says what customers experience: something failing, slow, wrong, lost or out of reach.</summary>
    public bool HasSymptom { get; }

    /// <summary>Says at least that the service was worse ("degraded performance", "a disruption").</summary>
    public bool HasWeakSymptom { get; }

    /// <summary>Gives a time: when it started, a window, a date or a duration (the promise aside).</summary>
    public bool HasTime { get; }

    /// <summary>The body itself names what is affected: a component, product, feature, region, share or group.</summary>
    public bool HasBodyScope { get; }

    /// <summary>The body, the title or the attached components say what is affected.</summary>
    public bool HasScope { get; }

    /// <summary>Specific enough that an "issue" in it is no evasion: a symptom, and what or when.</summary>
    public bool IsSpecific => HasSymptom && (HasScope || HasTime);

    /// <summary>Nothing concrete at all: no symptom, nothing affected, no time, in the body itself.</summary>
    public bool SaysNothing => !HasSymptom && !HasBodyScope && !HasTime;

    /// <summary>Component names of the page: words customers of this page know.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    public IReadOnlyList<Sentence> Sentences { get; }

    private static bool NamesScope(string text)
        => P.Share().IsMatch(text) || P.Region().IsMatch(text) || P.Population().IsMatch(text) || P.Feature().IsMatch(text);

    /// <summary>
    /// A component is named by its name or by any distinctive word of it: "Email notifications" by "alert emails",
    /// "Europe (Frankfurt)" by "Frankfurt".
    /// </summary>
    public static bool Mentions(string text, string componentName)
    {
        var name = componentName.Split(" (", 2)[0].Trim();
        if (name.Length > 0 && text.Contains(name, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return componentName.Split([' ', '(', ')', '-', '/', ','], StringSplitOptions.RemoveEmptyEntries)
            .Where(word => word.Length >= 4 && !GenericWords.Contains(word))
            .Any(word => Regex.IsMatch(text, $@"\b{Regex.Escape(word)}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
    }

    /// <summary>Words of component names too general to tell customers what is affected.</summary>
    private static readonly HashSet<string> GenericWords = new(StringComparer.OrdinalIgnoreCase) { "service", "services", "system", "systems", "platform", "region", "other", "general", "google", "cloud", "amazon", "microsoft", "azure" };

    private static Sentence[] Split(string text)
    {
        var sentences = new List<Sentence>();
        var start = 0;
        foreach (Match end in SentenceEnd().Matches(text))
        {
            Add(start, end.Index + end.Length);
            start = end.Index + end.Length;
        }

        Add(start, text.Length);
        return [.. sentences];

        void Add(int from, int to)
        {
            var part = text[from..to];
            var trimmed = part.Trim();
            if (trimmed.Length > 0)
            {
                sentences.Add(new Sentence(from + part.IndexOf(trimmed[0], StringComparison.Ordinal), trimmed));
            }
        }
    }

    [GeneratedRegex(@"(?<=[.!?])\s+|\s*\n+\s*")]
    private static partial Regex SentenceEnd();
}

/// <summary>A sentence or list item of a message, with its offset.</summary>
internal sealed record Sentence(int Start, string Text)
{
    public bool IsListItem => Text.Length > 0 && (Text[0] is '•' or '-' or '*' or '–' || char.IsDigit(Text[0]) && Text.Length > 1 && Text[1] is '.' or ')');
}
