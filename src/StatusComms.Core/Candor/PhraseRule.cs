using System.Text.RegularExpressions;

namespace StatusComms.Candor;

/// <summary>A rule that flags wording: every match of its patterns in the title or body is a finding.</summary>
internal sealed class PhraseRule(
    string id,
    FindingSeverity severity,
    Func<CandorDraft, bool> appliesTo,
    Func<string, string> message,
    string suggestion,
    params Regex[] patterns)
{
    public string Id => id;

    public IEnumerable<CandorFinding> Evaluate(CandorDraft draft)
    {
        if (!appliesTo(draft))
        {
            yield break;
        }

        foreach (var (field, text) in new (string Field, string? Text)[] { ("title", draft.Title), ("body", draft.Body) })
        {
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            // Patterns overlap ("having some issues" holds "some issues"): report the widest span once.
            var matches = patterns.SelectMany(p => p.Matches(text)).OrderBy(m => m.Index).ThenByDescending(m => m.Length).ToList();
            var reachedUpTo = -1;
            foreach (var match in matches)
            {
                if (match.Index + match.Length <= reachedUpTo)
                {
                    continue;
                }

                reachedUpTo = match.Index + match.Length;
                yield return new CandorFinding(id, severity, field, match.Index, match.Length, message(match.Value), suggestion);
            }
        }
    }
}
