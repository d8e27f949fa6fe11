using System.Globalization;
using System.Text.RegularExpressions;
using StatusComms.Incidents;
using P = StatusComms.Candor.CandorPatterns;

namespace StatusComms.Candor;

/// <summary>
/// Reviews a draft before it reaches customers: vague or evasive wording, missing scope, a missing or broken
/// promise of the next update, a missing or boilerplate apology, minimizing, promises nobody can keep, jargon,
/// hard reading, blame, and postmortem action items that commit to nothing. Pure: no I/O, no clock of its own.
/// Rules and examples: docs/candor.md.
/// </summary>
public sealed class CandorCheck(CandorOptions options)
{
    private static readonly PhraseRule[] PhraseRules =
    [
        new("vague-phrase", FindingSeverity.Error, _ => true,
            phrase => $"\"{phrase}\" tells customers something is wrong but not what. They can't tell whether it is what they are seeing.",
            "Say what customers see, e.g. \"Card payments in the EU fail with error 502 since 09:40 UTC.\"",
            P.TechnicalDifficulties(), P.ExperiencingIssues(), P.AnIssue(), P.UsersMayExperience(), P.ServiceDisruption()),
        new("boilerplate-apology", FindingSeverity.Error, _ => true,
            phrase => $"\"{phrase}\" reads as a form letter. Customers notice.",
            "Apologise for the real impact: \"We're sorry: for 52 minutes, a third of card payments in the EU failed.\"",
            P.BoilerplateApology()),
        new("minimizing", FindingSeverity.Error, d => d.Impact >= IncidentImpact.Major,
            phrase => $"\"{phrase}\" makes a major incident sound small. Customers who were hit will feel dismissed.",
            "State the size plainly: how many customers or requests, and for how long.",
            P.Minimizing()),
        new("overpromise", FindingSeverity.Error, _ => true,
            phrase => $"\"{phrase}\" is a promise nobody can keep for certain. If it is broken, trust goes with it.",
            "Promise what you control: \"We are adding a check that blocks this kind of change; it ships by 15 December.\"",
            P.NeverAgain()),
        new("speculation", FindingSeverity.Warning, d => d.Stage is IncidentStatus.Investigating,
            phrase => $"\"{phrase}\" guesses at the cause before it is known. A wrong guess has to be taken back later.",
            "Say what you know and what you are checking: \"We are checking whether last night's change caused this.\"",
            P.Speculation()),
        new("blame", FindingSeverity.Error, _ => true,
            phrase => $"\"{phrase}\" points at a person or judges with hindsight. Customers want to know what failed and what changes, not who.",
            "Describe the failure of the system: \"A configuration change removed the EU payment route, and no check stopped it.\"",
            P.Blame(), P.NamedPerson()),
    ];

    public IReadOnlyList<CandorFinding> Check(CandorDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var findings = new List<CandorFinding>();
        foreach (var rule in PhraseRules)
        {
            findings.AddRange(rule.Evaluate(draft));
        }

        WholeMessageVague(draft, findings);
        Scope(draft, findings);
        NextUpdate(draft, findings);
        Apology(draft, findings);
        FixTime(draft, findings);
        Jargon(draft, findings);
        Reading(draft, findings);
        ActionItems(draft, findings);
        Placeholders(draft, findings);
        return findings;
    }

    private static void WholeMessageVague(CandorDraft draft, List<CandorFinding> findings)
    {
        var words = Readability.WordCount(draft.Body);
        if (words <= 12 && (words < 5 || P.OnIt().IsMatch(draft.Body)) && !P.Share().IsMatch(draft.Body))
        {
            findings.Add(new CandorFinding("whole-message-vague", FindingSeverity.Error, "body", 0, draft.Body.Length,
                "The whole message says only that you are on it. Customers learn nothing they can act on.",
                "Add what customers see, who is affected, what they can do meanwhile, and when the next update comes."));
        }
    }

    private static void Scope(CandorDraft draft, List<CandorFinding> findings)
    {
        var text = $"{draft.Title} {draft.Body}";
        var namesComponent = draft.AffectedComponents.Any(name => Mentions(text, name));
        if (namesComponent || P.Share().IsMatch(text) || P.Region().IsMatch(text) || P.Population().IsMatch(text))
        {
            return;
        }

        findings.Add(CandorFinding.Missing("no-scope", FindingSeverity.Error, "body",
            "Nothing says what is affected: which product or feature, which region, or how many customers.",
            draft.AffectedComponents.Count > 0
                ? $"Name what is affected, e.g. \"{draft.AffectedComponents[0]} in the EU region: about 30% of requests fail.\""
                : "Name the product or feature, the region, and the share of customers or requests affected."));
    }

    private void NextUpdate(CandorDraft draft, List<CandorFinding> findings)
    {
        if (!draft.IsUnresolved)
        {
            return;
        }

        var cadence = options.CadenceFor(draft.Impact);
        var latest = draft.Now + cadence;
        if (draft.NextUpdateAt is not { } next)
        {
            findings.Add(CandorFinding.Missing("next-update-missing", FindingSeverity.Error, "next_update_at",
                "Customers are not told when they will hear from you next, so they keep refreshing the page or open tickets.",
                $"Promise the next update, at the latest {Clock(latest)} for a {Impact(draft.Impact)} incident: \"Next update by {Clock(latest)}.\""));
        }
        else if (next <= draft.Now)
        {
            findings.Add(CandorFinding.Missing("next-update-past", FindingSeverity.Error, "next_update_at",
                $"The promised next update ({Clock(next)}) is already in the past.",
                $"Promise a time still ahead, at the latest {Clock(latest)}."));
        }
        else if (next > latest)
        {
            findings.Add(CandorFinding.Missing("next-update-too-late", FindingSeverity.Error, "next_update_at",
                $"The next update ({Clock(next)}) is further away than customers should wait during a {Impact(draft.Impact)} incident ({cadence.TotalMinutes:F0} minutes).",
                $"Promise the next update by {Clock(latest)}, even if it only says what you have tried since."));
        }
    }

    private static void Apology(CandorDraft draft, List<CandorFinding> findings)
    {
        if (draft.IsPlannedWork || draft.Stage is not (IncidentStatus.Resolved or IncidentStatus.Postmortem))
        {
            return;
        }

        var apologies = P.Apology().Matches(draft.Body);
        var boilerplate = P.BoilerplateApology().Matches(draft.Body);
        if (apologies.Count == 0 || apologies.All(a => boilerplate.Any(b => a.Index >= b.Index && a.Index < b.Index + b.Length)))
        {
            findings.Add(CandorFinding.Missing("apology-missing", FindingSeverity.Error, "body",
                "The incident is over, and nothing says sorry for what customers went through.",
                "Say sorry plainly and name the impact and how long it lasted: \"We're sorry: for 52 minutes, card payments in the EU failed.\""));
        }
    }

    private static void FixTime(CandorDraft draft, List<CandorFinding> findings)
    {
        foreach (Match match in P.FixTime().Matches(draft.Body))
        {
            var sentence = SentenceAround(draft.Body, match.Index);
            if (!P.Hedge().IsMatch(sentence))
            {
                findings.Add(new CandorFinding("overpromise", FindingSeverity.Error, "body", match.Index, match.Length,
                    $"\"{match.Value}\" promises a fix time as a certainty. If it slips, the next update has to take it back.",
                    "Give it as an estimate with its basis: \"We expect payments to recover within 30 minutes, once the rollback finishes.\""));
            }
        }
    }

    private void Jargon(CandorDraft draft, List<CandorFinding> findings)
    {
        var terms = new List<Match>();
        terms.AddRange(P.Jargon().Matches(draft.Body).Where(m => !ExplainedAt(draft.Body, m)));
        terms.AddRange(P.Acronym().Matches(draft.Body).Where(m => !options.KnownAcronyms.Contains(m.Value) && !ExplainedAt(draft.Body, m) && !terms.Any(t => t.Index == m.Index)));
        var distinct = terms.DistinctBy(t => t.Value.ToUpperInvariant()).Count();
        var severity = distinct >= options.JargonErrorThreshold ? FindingSeverity.Error : FindingSeverity.Warning;
        foreach (var term in terms.OrderBy(t => t.Index))
        {
            findings.Add(new CandorFinding("jargon", severity, "body", term.Index, term.Length,
                $"\"{term.Value}\" is engineering language many customers won't know.",
                "Say what it means for them, or explain it once in brackets: \"the routing system (which sends requests to the right region)\"."));
        }
    }

    private void Reading(CandorDraft draft, List<CandorFinding> findings)
    {
        if (Readability.WordCount(draft.Body) < 20)
        {
            return;
        }

        var grade = Readability.GradeLevel(draft.Body);
        if (grade > options.MaxGradeLevel)
        {
            findings.Add(CandorFinding.Missing("readability", grade > options.MaxGradeLevel + 4 ? FindingSeverity.Error : FindingSeverity.Warning, "body",
                $"This reads at school grade {grade.ToString("F0", CultureInfo.InvariantCulture)}; aim for {options.MaxGradeLevel.ToString("F0", CultureInfo.InvariantCulture)} or lower. People read status pages in a hurry and often not in their first language.",
                "Use shorter sentences (under 20 words) and everyday words."));
        }
    }

    private static void ActionItems(CandorDraft draft, List<CandorFinding> findings)
    {
        if (!draft.IsPostmortemDocument)
        {
            return;
        }

        if (draft.ActionItems.Count == 0)
        {
            findings.Add(CandorFinding.Missing("action-items-missing", FindingSeverity.Error, "action_items",
                "A postmortem without action items tells customers nothing will change.",
                "List what you will change, who owns it and by when."));
        }

        for (var i = 0; i < draft.ActionItems.Count; i++)
        {
            var item = draft.ActionItems[i];
            var field = $"action_items[{i}]";
            if (P.VagueActionItem().IsMatch(item.Description) || Readability.WordCount(item.Description) < 4)
            {
                findings.Add(new CandorFinding("action-item-vague", FindingSeverity.Error, field, 0, item.Description.Length,
                    $"\"{item.Description}\" does not say what will change, so nobody can tell when it is done.",
                    "Name a concrete change and its effect: \"Add a check that blocks configuration changes removing a payment route.\""));
            }

            if (string.IsNullOrWhiteSpace(item.Owner))
            {
                findings.Add(CandorFinding.Missing("action-item-owner-missing", FindingSeverity.Error, field,
                    $"Nobody owns \"{item.Description}\".", "Name the team or role that will do it."));
            }

            if (item.DueDate is null)
            {
                findings.Add(CandorFinding.Missing("action-item-due-missing", FindingSeverity.Error, field,
                    $"\"{item.Description}\" has no date.", "Give the date it will be done by."));
            }
        }
    }

    private static void Placeholders(CandorDraft draft, List<CandorFinding> findings)
    {
        foreach (var (field, text) in new (string, string?)[] { ("title", draft.Title), ("body", draft.Body) })
        {
            foreach (Match match in P.Placeholder().Matches(text ?? string.Empty))
            {
                findings.Add(new CandorFinding("placeholder-unfilled", FindingSeverity.Error, field, match.Index, match.Length,
                    $"{match.Value} is still a placeholder from the template.", "Replace it with the real detail, or remove the sentence."));
            }
        }
    }

    private static bool Mentions(string text, string componentName)
    {
        // A component is named by its name or by any distinctive word of it: "Email notifications" by "alert
        // emails", "Europe (Frankfurt)" by "Frankfurt".
        var name = componentName.Split(" (", 2)[0].Trim();
        if (name.Length > 0 && text.Contains(name, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return componentName.Split([' ', '(', ')', '-', '/'], StringSplitOptions.RemoveEmptyEntries)
            .Where(word => word.Length >= 4 && !GenericWords.Contains(word))
            .Any(word => Regex.IsMatch(text, $@"\b{Regex.Escape(word)}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
    }

    /// <summary>Words of component names too general to tell customers what is affected.</summary>
    private static readonly HashSet<string> GenericWords = new(StringComparer.OrdinalIgnoreCase) { "service", "services", "system", "systems", "platform", "region", "other", "general" };

    /// <summary>A term explained in brackets right after it, or a bracketed term right after its explanation.</summary>
    private static bool ExplainedAt(string text, Match term)
    {
        var after = text.AsSpan(term.Index + term.Length).TrimStart();
        if (after.StartsWith("(") && after.IndexOf(')') > 8)
        {
            return true;
        }

        var before = text.AsSpan(0, term.Index).TrimEnd();
        return before.EndsWith("(") && text.IndexOf(')', term.Index) == term.Index + term.Length;
    }

    private static string SentenceAround(string text, int index)
    {
        var start = text.LastIndexOfAny(['.', '!', '?'], Math.Max(0, index - 1)) + 1;
        var end = text.IndexOfAny(['.', '!', '?'], index);
        return text[start..(end < 0 ? text.Length : end)];
    }

    private static string Clock(DateTimeOffset time) => StatusPage.SiteFormat.Clock(time);

    private static string Impact(IncidentImpact impact) => impact.ToString().ToLowerInvariant();
}
