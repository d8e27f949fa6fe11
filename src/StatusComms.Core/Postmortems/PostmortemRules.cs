using System.Text.RegularExpressions;
using StatusComms.Candor;

namespace StatusComms.Postmortems;

/// <summary>
/// What a postmortem needs before it can be published, beyond the candor check's wording rules: the sections a
/// customer summary cannot do without, and an apology that names the impact (a component or how long).
/// </summary>
public static partial class PostmortemRules
{
    public static IReadOnlyList<CandorFinding> Check(PostmortemContent content, ImpactAnalysis impact)
    {
        var findings = new List<CandorFinding>();
        if (content.ExecutiveSummary.Trim().Length == 0)
        {
            findings.Add(CandorFinding.Missing("postmortem-summary-missing", FindingSeverity.Error, "executive_summary", "The summary is empty: customers need to read what happened first.", "Say in two or three sentences what customers saw, when, and that it is fixed."));
        }

        if (content.RootCause.Trim().Length == 0)
        {
            findings.Add(CandorFinding.Missing("postmortem-root-cause-missing", FindingSeverity.Error, "root_cause", "The root cause is empty.", "Explain why it happened in plain words, without blaming a person."));
        }

        var apology = content.Apology;
        var namesImpact = impact.Components.Any(c => Words(c.Name).Any(w => apology.Contains(w, StringComparison.OrdinalIgnoreCase))) || Duration().IsMatch(apology);
        if (apology.Trim().Length == 0 || !namesImpact)
        {
            findings.Add(CandorFinding.Missing("postmortem-apology-impact", FindingSeverity.Error, "apology", "The apology does not name what customers went through.", "Name the impact and its length: \"We're sorry: for 52 minutes, card payments in the EU failed.\""));
        }

        return findings;
    }

    private static IEnumerable<string> Words(string name) => name.Split([' ', '(', ')', '-', '/'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 4).Append(name);

    [GeneratedRegex(@"\b\d+\s*(?:min(?:ute)?s?|hours?|h|seconds?|days?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Duration();
}
