using System.Globalization;
using StatusComms.Incidents;
using StatusComms.Playbooks;
using StatusComms.Postmortems;

namespace StatusComms.Drills;

/// <summary>
/// How the team did, scored from what happened on the sandbox page: five checks of 20 points each, every one
/// with the figures behind it, so the next drill knows what to practise.
/// </summary>
/// <param name="FirstUpdateAfter">How long after the drill's start the first public update was posted.</param>
/// <param name="FirstUpdateTarget">The playbook's deadline for it.</param>
public sealed record DrillReport(
    int Score,
    IReadOnlyList<DrillCheck> Checks,
    TimeSpan? FirstUpdateAfter,
    TimeSpan? FirstUpdateTarget,
    int PromisesKept,
    int PromisesBroken,
    int PromisesOpen,
    int Updates,
    int ErrorsOverridden,
    int Warnings,
    int StepsOnTime,
    int StepsJudged,
    int ActionItems,
    int ActionItemsConcrete,
    bool PostmortemDrafted)
{
    public const int PointsPerCheck = 20;

    /// <summary>What the participants did on the sandbox page: its incidents, their checklists and postmortems.</summary>
    public static DrillReport Compute(Drill drill, Playbook? playbook, DateTimeOffset endedAt, IReadOnlyList<DrillIncidentEvidence> evidence)
    {
        ArgumentNullException.ThrowIfNull(drill);
        ArgumentNullException.ThrowIfNull(evidence);
        var checks = new List<DrillCheck>();
        var updates = evidence.SelectMany(e => e.Incident.Updates).OrderBy(u => u.CreatedAt).ToArray();

        // 1. The first public update, against the playbook's deadline for the step that sends it.
        var target = FirstUpdateDeadline(playbook);
        TimeSpan? first = updates.Length > 0 ? updates[0].CreatedAt - drill.StartedAt : null;
        var firstPoints = first is not { } f ? 0 : target is not { } t || f <= t ? PointsPerCheck : (int)Math.Round(PointsPerCheck * t / f);
        checks.Add(new DrillCheck(
            "First public update",
            firstPoints,
            first is not { } posted ? "No public update was posted."
                : target is { } deadline ? $"Posted {Minutes(posted)} after the start; the playbook asks for it within {Minutes(deadline)}."
                : $"Posted {Minutes(posted)} after the start; the playbook sets no deadline for it."));

        // 2. Every promised next update: kept when an update (or the resolution) came by the promised time.
        int kept = 0, broken = 0, open = 0;
        foreach (var incident in evidence.Select(e => e.Incident))
        {
            var ordered = incident.Updates.OrderBy(u => u.CreatedAt).ToArray();
            for (var i = 0; i < ordered.Length; i++)
            {
                if (ordered[i].NextUpdateAt is not { } promised)
                {
                    continue;
                }

                if (i + 1 < ordered.Length)
                {
                    _ = ordered[i + 1].CreatedAt <= promised ? kept++ : broken++;
                }
                else if (incident.Status is IncidentStatus.Resolved or IncidentStatus.Postmortem)
                {
                    kept++;
                }
                else
                {
                    _ = endedAt > promised ? broken++ : open++;
                }
            }
        }

        checks.Add(new DrillCheck(
            "Promises of the next update",
            kept + broken == 0 ? (updates.Length > 0 ? PointsPerCheck : 0) : (int)Math.Round(PointsPerCheck * (double)kept / (kept + broken)),
            kept + broken + open == 0 ? "No update promised a next one." : $"{kept} kept, {broken} broken{(open > 0 ? $", {open} not yet due when the drill ended" : string.Empty)}."));

        // 3. Candor: each error overridden to post is a point off; warnings are reported, not scored.
        var overridden = updates.Count(u => u.Review.OverrideReason is not null && u.Review.HasErrors);
        var warnings = updates.Sum(u => u.Review.Findings.Count(x => x.Severity == Candor.FindingSeverity.Warning));
        checks.Add(new DrillCheck(
            "Candor",
            updates.Length == 0 ? 0 : (int)Math.Round(PointsPerCheck * (double)(updates.Length - overridden) / updates.Length),
            updates.Length == 0 ? "Nothing was posted." : $"{updates.Length} updates; {overridden} posted over candor errors with an override; {warnings} warnings left standing."));

        // 4. Playbook steps done on time, each by the person named to its role.
        int onTime = 0, judged = 0;
        var late = new List<string>();
        var checklists = evidence.Where(e => e.Checklist is not null).Select(e => e.Checklist!).ToArray();
        foreach (var checklist in checklists)
        {
            foreach (var step in checklist.Run.States(checklist.Playbook, endedAt))
            {
                if (step.Done is null && (step.DueAt is not { } due || due > endedAt))
                {
                    continue; // not due yet when the drill ended
                }

                judged++;
                var byOwner = step.Person is null || step.Done is null || string.Equals(step.Done.By, step.Person, StringComparison.OrdinalIgnoreCase);
                if (step.Done is not null && !step.Late && byOwner)
                {
                    onTime++;
                }
                else
                {
                    late.Add(step.Done is null ? $"{step.Step.Number} not done" : step.Late ? $"{step.Step.Number} late" : $"{step.Step.Number} ticked by {step.Done.By}, not {step.Person}");
                }
            }
        }

        checks.Add(new DrillCheck(
            "Playbook steps",
            checklists.Length == 0 ? 0 : judged == 0 ? PointsPerCheck : (int)Math.Round(PointsPerCheck * (double)onTime / judged),
            checklists.Length == 0 ? "No incident was run from the playbook's checklist."
                : judged == 0 ? "No step was due before the drill ended."
                : $"{onTime} of {judged} steps due were done on time by their owners{(late.Count > 0 ? $" (step {string.Join(", step ", late)})" : string.Empty)}."));

        // 5. The postmortem drafted, with concrete, owned, dated action items.
        var postmortems = evidence.Where(e => e.Postmortem is not null).Select(e => e.Postmortem!).ToArray();
        var items = postmortems.SelectMany(p => p.Postmortem.Content.ActionItems).ToArray();

        // The postmortem's own check names each action item it faults ("action_items[i]": vague, no owner, no date);
        // an item it does not name is concrete, owned and dated.
        var concrete = postmortems.Sum(p => p.Postmortem.Content.ActionItems.Where((_, i) => !p.Findings.Any(f => f.Field == $"action_items[{i}]")).Count());
        checks.Add(new DrillCheck(
            "Postmortem",
            postmortems.Length == 0 ? 0 : items.Length > 0 && concrete == items.Length ? PointsPerCheck : PointsPerCheck / 2,
            postmortems.Length == 0 ? "No postmortem was drafted."
                : items.Length == 0 ? "Drafted, with no action items."
                : $"Drafted, with {items.Length} action items: {concrete} concrete, owned and dated."));

        return new DrillReport(
            checks.Sum(c => c.Points),
            checks,
            first,
            target,
            kept,
            broken,
            open,
            updates.Length,
            overridden,
            warnings,
            onTime,
            judged,
            items.Length,
            concrete,
            postmortems.Length > 0);
    }

    /// <summary>The deadline of the playbook's first step that sends an investigating message (else its first step that sends any).</summary>
    public static TimeSpan? FirstUpdateDeadline(Playbook? playbook)
        => playbook?.Steps.FirstOrDefault(s => s.Message is { } m && m.EndsWith("/investigating", StringComparison.Ordinal) && s.Deadline is not null)?.Deadline
            ?? playbook?.Steps.FirstOrDefault(s => s.Message is not null && s.Deadline is not null)?.Deadline;

    public static string Minutes(TimeSpan span)
        => span.TotalMinutes < 1 ? $"{Math.Round(span.TotalSeconds).ToString(CultureInfo.InvariantCulture)} seconds"
            : span.TotalHours < 2 ? $"{Math.Round(span.TotalMinutes).ToString(CultureInfo.InvariantCulture)} minutes"
            : $"{span.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} hours";
}

/// <summary>One scored check of a drill's report.</summary>
public sealed record DrillCheck(string Name, int Points, string Detail);

/// <summary>One incident of the sandbox page, with its checklist and postmortem if it has them.</summary>
public sealed record DrillIncidentEvidence(Incident Incident, PlaybookChecklist? Checklist, PostmortemDetails? Postmortem);
