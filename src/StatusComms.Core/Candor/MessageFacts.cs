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
        Promise = NextUpdatePromises.For(draft.Body, draft.Stage, draft.Now, options.Zone);
        Said = Promise is { } promise ? string.Concat(Body.AsSpan(0, promise.Start), new string(' ', promise.Length), Body.AsSpan(promise.Start + promise.Length)) : Body;

        Vocabulary = draft.AffectedComponents.Concat(draft.PageVocabulary).Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

        // Each fact is read once, and only when a rule asks: the patterns are the check's whole cost. One check runs
        // on one thread, so the facts need no locks.
        var said = Said;
        var title = draft.Title ?? string.Empty;
        const LazyThreadSafetyMode OneThread = LazyThreadSafetyMode.None;
        _symptom = new(() => P.Symptom().IsMatch(said), OneThread);
        _weakSymptom = new(() => HasSymptom || P.WeakSymptom().IsMatch(said), OneThread);
        _time = new(() => P.When().IsMatch(said), OneThread);
        _bodyScope = new(() => draft.AffectedComponents.Any(name => Mentions(said, name)) || P.ProductName().IsMatch(said) || NamesScope(said), OneThread);
        _scope = new(() => draft.AffectedComponents.Count > 0 || HasBodyScope || NamesScope(title), OneThread);
        _sentences = new(() => Split(Body), OneThread);
    }

    private readonly Lazy<bool> _symptom, _weakSymptom, _time, _bodyScope, _scope;
    private readonly Lazy<Sentence[]> _sentences;

    public static MessageFacts Of(CandorDraft draft, CandorOptions options) => new(draft, options);

    public string Body { get; }

    /// <summary>The body with the promise's words blanked out (offsets unchanged).</summary>
    public string Said { get; }

    public NextUpdatePromise? Promise { get; }

    /// <summary>Says what customers experience: something failing, slow, wrong, lost or out of reach.</summary>
    public bool HasSymptom => _symptom.Value;

    /// <summary>Says at least that the service was worse ("degraded performance", "a disruption").</summary>
    public bool HasWeakSymptom => _weakSymptom.Value;

    /// <summary>Gives a time: when it started, a window, a date or a duration (the promise aside).</summary>
    public bool HasTime => _time.Value;

    /// <summary>The body itself names what is affected: a component, product, feature, region, share or group.</summary>
    public bool HasBodyScope => _bodyScope.Value;

    /// <summary>The body, the title or the attached components say what is affected.</summary>
    public bool HasScope => _scope.Value;

    /// <summary>Specific enough that an "issue" in it is no evasion: a symptom, and what or when.</summary>
    public bool IsSpecific => HasSymptom && (HasScope || HasTime);

    /// <summary>Nothing concrete at all: no symptom, nothing affected, no time, in the body itself.</summary>
    public bool SaysNothing => !HasSymptom && !HasBodyScope && !HasTime;

    /// <summary>Component names of the page: words customers of this page know.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    public IReadOnlyList<Sentence> Sentences => _sentences.Value;

    private static bool NamesScope(string text)
        => P.Feature().IsMatch(text) || P.Region().IsMatch(text) || P.Share().IsMatch(text) || P.Population().IsMatch(text);

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
            .Any(word => StartsAWord(text, word));
    }

    /// <summary>The text has a word that starts with <paramref name="word"/> ("email" in "emails", not in "hotemail").</summary>
    private static bool StartsAWord(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            if (at == 0 || !char.IsLetterOrDigit(text[at - 1]))
            {
                return true;
            }
        }

        return false;
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
