using System.Globalization;
using System.Text.RegularExpressions;
using StatusComms.Incidents;
using P = StatusComms.Candor.CandorPatterns;

namespace StatusComms.Candor;

/// <summary>
/// Reviews a draft before it reaches customers, the way a good editor would: it judges the message, not the word.
/// An "issue" inside a message that says what fails, for whom and since when is fine; the same word in a message
/// that says nothing else is not. It looks for a missing or broken promise of the next update (read from the words
/// when <c>next_update_at</c> is absent), scope, what customers went through and when (once it is over), a missing
/// or boilerplate apology, minimizing, promises nobody can keep, internals customers can't read, blame of a person,
/// follow-ups that commit to nothing, and durations that contradict the incident's record. Pure: no I/O, no clock of
/// its own. Rules, severities and their measured precision: docs/candor.md.
/// </summary>
public sealed class CandorCheck(CandorOptions options)
{
    public CandorOptions Options => options;

    public IReadOnlyList<CandorFinding> Check(CandorDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var facts = MessageFacts.Of(draft, options);
        var findings = new List<CandorFinding>();
        SaysNothing(draft, facts, findings);
        VaguePhrases(draft, facts, findings);
        Scope(facts, findings, draft);
        NextUpdate(draft, facts, findings);
        ImpactStated(draft, facts, findings);
        Apology(draft, facts, findings);
        Minimizing(draft, findings);
        Overpromise(draft, findings);
        Speculation(draft, findings);
        Blame(draft, facts, findings);
        Jargon(draft, facts, findings);
        Reading(draft, findings);
        FollowUps(draft, facts, findings);
        Durations(draft, findings);
        ActionItems(draft, findings);
        Placeholders(draft, findings);
        return findings;
    }

    /// <summary>Reads the promise of the next update from a message's words, in the page's time zone.</summary>
    public NextUpdatePromise? PromiseIn(string? body, IncidentStatus stage, DateTimeOffset now)
        => NextUpdatePromises.For(body, stage, now, options.Zone);

    private static void SaysNothing(CandorDraft draft, MessageFacts facts, List<CandorFinding> findings)
    {
        if (facts.SaysNothing)
        {
            findings.Add(new CandorFinding("whole-message-vague", FindingSeverity.Error, "body", 0, draft.Body.Length,
                "The message says nothing customers can act on: not what fails, not who is affected, not since when.",
                "Say what customers see, who is affected, since when, and what they can do meanwhile: \"Since 09:40 UTC, card payments in the EU fail with error 502. Bank transfers work.\""));
        }
    }

    /// <summary>
    /// Stock phrases ("technical difficulties", "an issue", "some users may experience") are an error in a message
    /// that gives nothing concrete besides; inside a specific one the stock wording is only worth a warning, and an
    /// undescribed "issue" nothing at all.
    /// </summary>
    private static void VaguePhrases(CandorDraft draft, MessageFacts facts, List<CandorFinding> findings)
    {
        foreach (var (field, text) in Texts(draft))
        {
            // Patterns overlap ("having some issues" holds "some issues"): report the widest span once.
            var matches = new[] { P.TechnicalDifficulties(), P.ExperiencingIssues(), P.UsersMayExperience(), P.ServiceDisruption(), P.AnIssue() }
                .SelectMany((pattern, index) => pattern.Matches(text).Select(m => (Match: m, Stock: index == 0)))
                .OrderBy(m => m.Match.Index).ThenByDescending(m => m.Match.Length).ToList();
            var reachedUpTo = -1;
            foreach (var (match, stock) in matches)
            {
                if (match.Index + match.Length <= reachedUpTo)
                {
                    continue;
                }

                reachedUpTo = match.Index + match.Length;
                if (facts.IsSpecific && !stock)
                {
                    continue;
                }

                findings.Add(new CandorFinding("vague-phrase", facts.IsSpecific ? FindingSeverity.Warning : FindingSeverity.Error, field, match.Index, match.Length,
                    facts.IsSpecific
                        ? $"\"{match.Value}\" is stock wording; the rest of the message says what is wrong, so say it here too."
                        : $"\"{match.Value}\" tells customers something is wrong but not what, and nothing else in the message does. They can't tell whether it is what they are seeing.",
                    "Say what customers see, e.g. \"Card payments in the EU fail with error 502 since 09:40 UTC.\""));
            }
        }
    }

    private static void Scope(MessageFacts facts, List<CandorFinding> findings, CandorDraft draft)
    {
        if (facts.HasScope)
        {
            return;
        }

        findings.Add(CandorFinding.Missing("no-scope", FindingSeverity.Error, "body",
            "Nothing says what is affected: which product or feature, which region, or how many customers.",
            draft.PageVocabulary.Count > 0
                ? $"Name what is affected, e.g. \"{draft.PageVocabulary[0]} in the EU region: about 30% of requests fail.\", or attach the affected components."
                : "Name the product or feature, the region, and the share of customers or requests affected."));
    }

    private void NextUpdate(CandorDraft draft, MessageFacts facts, List<CandorFinding> findings)
    {
        if (!draft.IsUnresolved)
        {
            return;
        }

        var cadence = options.CadenceFor(draft.Impact);
        var latest = draft.Now + cadence;
        var promise = facts.Promise;
        if (draft.NextUpdateAt is { } field && promise is not null && (field - promise.At).Duration() > options.PromiseTolerance)
        {
            findings.Add(new CandorFinding("next-update-mismatch", FindingSeverity.Error, "body", promise.Start, promise.Length,
                $"The message promises the next update at {Clock(promise.At)}, but next_update_at says {Clock(field)}. Customers read both.",
                "Make them agree: change the words or next_update_at to the same time."));
        }

        // A time written in words is read with a little slack: people round to the quarter hour. A finding about it
        // points at the words; one about next_update_at points at the field.
        var fromWords = draft.NextUpdateAt is null ? promise : null;
        var (next, slack) = draft.NextUpdateAt is { } explicitly ? (explicitly, TimeSpan.Zero) : (promise?.At, options.PromiseTolerance);
        var (where, start, length) = fromWords is not null ? ("body", fromWords.Start, fromWords.Length) : ("next_update_at", -1, 0);
        if (next is not { } due)
        {
            findings.Add(CandorFinding.Missing("next-update-missing", FindingSeverity.Error, "next_update_at",
                "Customers are not told when they will hear from you next, so they keep refreshing the page or open tickets. \"Shortly\" or \"as soon as we know more\" is not a time.",
                $"Promise the next update, at the latest {Clock(latest)} for a {Impact(draft.Impact)} incident: \"Next update by {Clock(latest)}.\" or \"Next update in {cadence.TotalMinutes:F0} minutes.\""));
        }
        else if (due <= draft.Now - slack)
        {
            findings.Add(new CandorFinding("next-update-past", FindingSeverity.Error, where, start, length,
                $"The promised next update ({Clock(due)}) is already in the past.",
                $"Promise a time still ahead, at the latest {Clock(latest)}."));
        }
        else if (due > latest + slack)
        {
            // A little past the cadence is a nudge; hours past it during a critical incident is silence.
            var severity = due - draft.Now > cadence * options.CadenceErrorFactor + slack ? FindingSeverity.Error : FindingSeverity.Warning;
            findings.Add(new CandorFinding("next-update-too-late", severity, where, start, length,
                $"The next update ({Clock(due)}) is further away than customers should wait during a {Impact(draft.Impact)} incident ({cadence.TotalMinutes:F0} minutes).",
                $"Promise the next update by {Clock(latest)}, even if it only says what you have tried since."));
        }
    }

    /// <summary>Once it is over, customers need to read what they went through and when.</summary>
    private static void ImpactStated(CandorDraft draft, MessageFacts facts, List<CandorFinding> findings)
    {
        if (draft.IsPlannedWork || draft.Stage is not IncidentStatus.Resolved)
        {
            return;
        }

        if (!(facts.HasSymptom || (facts.HasWeakSymptom && facts.HasTime)))
        {
            findings.Add(CandorFinding.Missing("impact-missing", FindingSeverity.Error, "body",
                "The message says it is over, but not what customers went through. People who were hit can't tell whether this was their problem.",
                "Say what failed and for whom: \"Between 09:42 and 10:31 UTC, all API requests in the EU region failed.\""));
        }

        if (!facts.HasTime)
        {
            findings.Add(CandorFinding.Missing("impact-window-missing", FindingSeverity.Error, "body",
                "The message does not say when it started or how long it lasted, so customers can't match it to what they saw.",
                "Give the window: \"From 09:42 to 10:31 UTC (49 minutes), …\""));
        }
    }

    /// <summary>
    /// Resolved and postmortem messages need an apology (the seed of this product is explicit). A boilerplate
    /// "sorry for any inconvenience" counts only when the message states the impact; with nothing stated it is an
    /// error at any stage.
    /// </summary>
    private static void Apology(CandorDraft draft, MessageFacts facts, List<CandorFinding> findings)
    {
        var apologies = P.Apology().Matches(draft.Body);
        var boilerplate = P.BoilerplateApology().Matches(draft.Body);
        var onlyBoilerplate = apologies.Count > 0 && apologies.All(a => boilerplate.Any(b => a.Index >= b.Index && a.Index < b.Index + b.Length));
        foreach (Match match in boilerplate)
        {
            findings.Add(new CandorFinding("boilerplate-apology", facts.HasSymptom ? FindingSeverity.Warning : FindingSeverity.Error, "body", match.Index, match.Length,
                facts.HasSymptom
                    ? $"\"{match.Value}\" reads as a form letter; the apology lands better when it names what customers went through."
                    : $"\"{match.Value}\" reads as a form letter, and the message never says what the inconvenience was. Customers notice.",
                "Apologise for the real impact: \"We're sorry: for 52 minutes, a third of card payments in the EU failed.\""));
        }

        if (!draft.IsOver)
        {
            return;
        }

        if (apologies.Count == 0 || (onlyBoilerplate && !facts.HasSymptom))
        {
            findings.Add(CandorFinding.Missing("apology-missing", FindingSeverity.Error, "body",
                apologies.Count == 0
                    ? "The incident is over, and nothing says sorry for what customers went through."
                    : "The only apology is a form letter, and nothing says what customers went through.",
                "Say sorry plainly and name the impact and how long it lasted: \"We're sorry: for 52 minutes, card payments in the EU failed.\""));
        }
    }

    /// <summary>"Brief", "a small number" on a big incident, unless the same sentence gives the figure.</summary>
    private static void Minimizing(CandorDraft draft, List<CandorFinding> findings)
    {
        if (draft.Impact < IncidentImpact.Major)
        {
            return;
        }

        foreach (var (field, text) in Texts(draft))
        {
            foreach (Match match in P.Minimizing().Matches(text))
            {
                if (P.Figure().IsMatch(SentenceAround(text, match.Index)))
                {
                    continue;
                }

                findings.Add(new CandorFinding("minimizing", FindingSeverity.Warning, field, match.Index, match.Length,
                    $"\"{match.Value}\" makes a {Impact(draft.Impact)} incident sound small, with no figure to back it. Customers who were hit will feel dismissed.",
                    "State the size plainly: how many customers or requests, and for how long."));
            }
        }
    }

    private static void Overpromise(CandorDraft draft, List<CandorFinding> findings)
    {
        foreach (var (field, text) in Texts(draft))
        {
            foreach (Match match in P.NeverAgain().Matches(text))
            {
                findings.Add(new CandorFinding("overpromise", FindingSeverity.Error, field, match.Index, match.Length,
                    $"\"{match.Value}\" is a promise nobody can keep for certain. If it is broken, trust goes with it.",
                    "Promise what you control: \"We are adding a check that blocks this kind of change; it ships by 15 December.\""));
            }
        }

        foreach (Match match in P.FixTime().Matches(draft.Body))
        {
            if (!P.Hedge().IsMatch(SentenceAround(draft.Body, match.Index)))
            {
                findings.Add(new CandorFinding("overpromise", FindingSeverity.Error, "body", match.Index, match.Length,
                    $"\"{match.Value}\" promises a fix time as a certainty. If it slips, the next update has to take it back.",
                    "Give it as an estimate with its basis: \"We expect payments to recover within 30 minutes, once the rollback finishes.\""));
            }
        }
    }

    private static void Speculation(CandorDraft draft, List<CandorFinding> findings)
    {
        if (!draft.IsUnresolved)
        {
            return;
        }

        foreach (Match match in P.Speculation().Matches(draft.Body))
        {
            findings.Add(new CandorFinding("speculation", FindingSeverity.Warning, "body", match.Index, match.Length,
                $"\"{match.Value}\" guesses at the cause before it is known. A wrong guess has to be taken back later.",
                "Say what you know and what you are checking: \"We are checking whether last night's change caused this.\""));
        }
    }

    /// <summary>Blame means a person: "human error", "an engineer forgot", a named culprit. "We made a mistake" is ownership, and fine.</summary>
    private static void Blame(CandorDraft draft, MessageFacts facts, List<CandorFinding> findings)
    {
        foreach (var (field, text) in Texts(draft))
        {
            var named = P.CapitalisedActor().Matches(text).Where(m => P.FirstNames.Contains(m.Groups["name"].Value) && !facts.Vocabulary.Any(v => v.Contains(m.Groups["name"].Value, StringComparison.Ordinal)));
            var matches = P.Blame().Matches(text).Concat(P.NamedPerson().Matches(text)).Concat(named).OrderBy(m => m.Index);
            var reachedUpTo = -1;
            foreach (var match in matches)
            {
                if (match.Index < reachedUpTo)
                {
                    continue;
                }

                reachedUpTo = match.Index + match.Length;
                findings.Add(new CandorFinding("blame", FindingSeverity.Error, field, match.Index, match.Length,
                    $"\"{match.Value}\" points at a person. Customers want to know what failed and what changes, not who.",
                    "Describe the failure of the system and own it: \"A configuration change removed the EU payment route, and no check stopped it.\""));
            }
        }
    }

    /// <summary>
    /// Internal terms customers can't read. The page's own component names are its vocabulary, and a term explained
    /// in brackets is fine. In a customer update, several distinct terms are an error; postmortems may be more
    /// technical, so there they warn.
    /// </summary>
    private void Jargon(CandorDraft draft, MessageFacts facts, List<CandorFinding> findings)
    {
        var known = string.Join(" ", facts.Vocabulary.Append(draft.Title ?? string.Empty));
        var terms = P.Jargon().Matches(draft.Body)
            .Where(m => !ExplainedAt(draft.Body, m) && !known.Contains(m.Value, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var distinct = terms.Select(t => Concept(t.Value)).Distinct(StringComparer.Ordinal).Count();
        var severity = draft.Stage is not IncidentStatus.Postmortem && distinct >= options.JargonErrorThreshold ? FindingSeverity.Error : FindingSeverity.Warning;
        foreach (var term in terms)
        {
            findings.Add(new CandorFinding("jargon", severity, "body", term.Index, term.Length,
                $"\"{term.Value}\" is engineering language many customers won't know.",
                "Say what it means for them, or explain it once in brackets: \"the routing system (which sends requests to the right region)\"."));
        }
    }

    /// <summary>"read replicas" and "replica", "backfills" and "backfill" are one idea.</summary>
    private static string Concept(string term)
    {
        var last = term.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries)[^1].ToUpperInvariant();
        return last.Length > 3 && last.EndsWith('S') ? last[..^1] : last;
    }

    /// <summary>
    /// Long sentences of long words warn. No grade is a defect by itself (public postmortems explain causes at
    /// grade 14 and are good), so readability never blocks.
    /// </summary>
    private void Reading(CandorDraft draft, List<CandorFinding> findings)
    {
        if (Readability.WordCount(draft.Body) < 20)
        {
            return;
        }

        var grade = Readability.GradeLevel(draft.Body);
        var limit = options.MaxGradeLevel + (draft.Stage is IncidentStatus.Postmortem ? 4 : 0);
        if (grade > limit)
        {
            findings.Add(CandorFinding.Missing("readability", FindingSeverity.Warning, "body",
                $"This reads at school grade {grade.ToString("F0", CultureInfo.InvariantCulture)}; aim for {limit.ToString("F0", CultureInfo.InvariantCulture)} or lower. People read status pages in a hurry and often not in their first language.",
                "Use shorter sentences (under 20 words) and everyday words."));
        }
    }

    /// <summary>
    /// Once it is over, what the team says it will change: when every follow-up is generic ("improve monitoring",
    /// "review our processes", "prevent recurrence") and none names a mechanism, a date or a condition, the message
    /// commits to nothing.
    /// </summary>
    private static void FollowUps(CandorDraft draft, MessageFacts facts, List<CandorFinding> findings)
    {
        if (!draft.IsOver)
        {
            return;
        }

        Sentence? firstGeneric = null;
        var concrete = false;
        var inSection = false;
        foreach (var sentence in facts.Sentences)
        {
            inSection = inSection || P.FollowUpTalk().IsMatch(sentence.Text) || P.FollowUpHeading().IsMatch(sentence.Text);
            if (!inSection && !sentence.IsListItem)
            {
                continue;
            }

            // Inside the follow-ups (from the first "to prevent …" or "Next steps" on), every sentence and list item
            // counts; before it, a list item only when it starts with a change ("• Improve alerting").
            var generic = P.GenericChange().Match(sentence.Text);
            if (!generic.Success && P.Watching().Match(sentence.Text) is { Success: true } watching && P.PreventionCue().IsMatch(sentence.Text))
            {
                generic = watching;
            }

            if ((!inSection && !StartsWith(generic, sentence)) || P.PostmortemPromise().IsMatch(sentence.Text))
            {
                continue;
            }

            var specific = P.ConcreteChange().IsMatch(sentence.Text);

            if (specific)
            {
                concrete = true;
            }
            else if (generic.Success)
            {
                firstGeneric ??= sentence;
            }
        }

        if (firstGeneric is not null && !concrete)
        {
            findings.Add(new CandorFinding("vague-follow-up", FindingSeverity.Error, "body", firstGeneric.Start, firstGeneric.Text.Length,
                $"\"{Shorten(firstGeneric.Text)}\" commits to nothing anyone could check, and no other follow-up does.",
                "Name the change, what it stops and when: \"We are adding an alert when any certificate is 30 days from expiry, by 15 December.\""));
        }

        static bool StartsWith(Match match, Sentence sentence) => match.Success && match.Index <= 20;
    }

    /// <summary>A stated duration of the impact that contradicts the incident's own record.</summary>
    private static void Durations(CandorDraft draft, List<CandorFinding> findings)
    {
        var ended = draft.ImpactEndedAt ?? draft.Now;
        if (!draft.IsOver || draft.ImpactStartedAt is not { } started || ended <= started)
        {
            return;
        }

        var actual = ended - started;
        var stated = new List<(Match Match, TimeSpan Length)>();
        foreach (Match match in P.StatedDuration().Matches(draft.Body))
        {
            if (DurationOf(match) is { } length)
            {
                stated.Add((match, length));
            }
        }

        var tolerance = TimeSpan.FromMinutes(Math.Max(10, actual.TotalMinutes * 0.25));
        if (stated.Count == 0 || stated.Any(s => (s.Length - actual).Duration() <= tolerance))
        {
            return;
        }

        var (first, figure) = stated[0];
        findings.Add(new CandorFinding("duration-mismatch", FindingSeverity.Error, "body", first.Index, first.Length,
            $"The message says {StatusPage.SiteFormat.Duration(figure)}, but the incident's updates say {StatusPage.SiteFormat.Duration(actual)} ({Clock(started)} to {Clock(ended)}). Customers who watched the page will notice.",
            $"State the duration the record shows ({StatusPage.SiteFormat.Duration(actual)}); if the impact really began before the incident was opened, post with candor_override_reason saying so."));
    }

    private static TimeSpan? DurationOf(Match match)
    {
        if (NumberWords.Parse(match.Groups["n"].Value) is not { } n)
        {
            return null;
        }

        var length = match.Groups["unit"].Value.StartsWith('h') ? TimeSpan.FromHours(n) : TimeSpan.FromMinutes(n);
        if (match.Groups["n2"].Success && NumberWords.Parse(match.Groups["n2"].Value) is { } more)
        {
            length += TimeSpan.FromMinutes(more);
        }

        return length;
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
        foreach (var (field, text) in Texts(draft))
        {
            foreach (Match match in P.Placeholder().Matches(text))
            {
                findings.Add(new CandorFinding("placeholder-unfilled", FindingSeverity.Error, field, match.Index, match.Length,
                    $"{match.Value} is still a placeholder from the template.", "Replace it with the real detail, or remove the sentence."));
            }
        }
    }

    private static IEnumerable<(string Field, string Text)> Texts(CandorDraft draft)
    {
        if (!string.IsNullOrEmpty(draft.Title))
        {
            yield return ("title", draft.Title);
        }

        yield return ("body", draft.Body);
    }

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
        var start = text.LastIndexOfAny(['.', '!', '?', '\n'], Math.Max(0, index - 1)) + 1;
        var end = text.IndexOfAny(['.', '!', '?', '\n'], index);
        return text[start..(end < 0 ? text.Length : end)];
    }

    private static string Shorten(string text) => text.Length <= 90 ? text : string.Concat(text.AsSpan(0, 87), "…");

    private static string Clock(DateTimeOffset time) => StatusPage.SiteFormat.Clock(time);

    private static string Impact(IncidentImpact impact) => impact.ToString().ToLowerInvariant();
}
