using System.Globalization;
using System.Text;
using StatusComms.Incidents;
using StatusComms.StatusPage;

namespace StatusComms.Postmortems;

/// <summary>
/// The customer-facing postmortem: what happened, who was affected and for how long (from the computed impact), why
/// in plain words, the customer timeline, what we did and will do (the public action items, with dates), and the
/// apology. Raw text: the template encodes it. <see cref="PlainText"/> is the same in words, for postmortem_body,
/// the mail and the candor check.
/// </summary>
public sealed record CustomerSummary(
    string IncidentId,
    string Title,
    string IncidentName,
    string IncidentHref,
    DateTimeOffset StartedAt,
    DateTimeOffset? ResolvedAt,
    string WhatHappened,
    string WhoWasAffected,
    IReadOnlyList<string> ComponentLines,
    string BusinessImpact,
    string RootCause,
    IReadOnlyList<(DateTimeOffset At, string Text)> Timeline,
    IReadOnlyList<string> Done,
    IReadOnlyList<string> WillDo,
    string Apology)
{
    public static CustomerSummary Build(Incident incident, PostmortemContent content, ImpactAnalysis impact)
    {
        var names = impact.Components.Select(c => c.Name).ToArray();
        var duration = impact.Duration is { } d ? SiteFormat.Duration(d) : "an unknown time";
        var who = names.Length == 0
            ? $"The incident lasted {duration}."
            : $"Customers using {Join(names)} were affected for {duration}, from {SiteFormat.Human(impact.StartedAt)}{(impact.ResolvedAt is { } r ? $" to {SiteFormat.Human(r)}" : string.Empty)}. Our first update was posted {SiteFormat.Duration(impact.TimeToFirstUpdate)} after the start.";
        var lines = impact.Components.Select(c => $"{c.Name}: {string.Join(", ", c.Times.Select(t => $"{StatusLabels.For(t.Status).ToLowerInvariant()} for {SiteFormat.Duration(t.Duration)}"))}").ToArray();
        var items = content.ActionItems.Where(i => i.Public).ToArray();
        string Item(PostmortemActionItem i) => i.DueDate is { } due ? $"{i.Description} (by {due.ToString("d MMM yyyy", CultureInfo.InvariantCulture)})" : i.Description;
        return new CustomerSummary(
            incident.Id,
            content.Title,
            incident.Name,
            SiteViewBuilder.IncidentHref(incident.Id),
            impact.StartedAt,
            impact.ResolvedAt,
            content.ExecutiveSummary.Trim(),
            who,
            lines,
            content.BusinessImpact.Trim(),
            content.RootCause.Trim(),
            PostmortemTimeline.Build(incident, content).Where(e => e.Public).Select(e => (e.At, e.Text)).ToArray(),
            items.Where(i => i.Status == ActionItemStatus.Done).Select(Item).ToArray(),
            items.Where(i => i.Status != ActionItemStatus.Done).Select(Item).ToArray(),
            content.Apology.Trim());
    }

    /// <summary>The summary as plain text: postmortem_body in the API, and what the candor check reads.</summary>
    public string PlainText()
    {
        var text = new StringBuilder();
        text.Append("What happened\n").Append(WhatHappened).Append("\n\nWho was affected\n").Append(WhoWasAffected);
        foreach (var line in ComponentLines)
        {
            text.Append("\n- ").Append(line);
        }

        if (BusinessImpact.Length > 0)
        {
            text.Append('\n').Append(BusinessImpact);
        }

        text.Append("\n\nWhy it happened\n").Append(RootCause).Append("\n\nTimeline (UTC)");
        foreach (var (at, entry) in Timeline)
        {
            text.Append("\n- ").Append(SiteFormat.Human(at)).Append(": ").Append(entry);
        }

        if (Done.Count > 0)
        {
            text.Append("\n\nWhat we have done");
            foreach (var item in Done)
            {
                text.Append("\n- ").Append(item);
            }
        }

        if (WillDo.Count > 0)
        {
            text.Append("\n\nWhat we will do");
            foreach (var item in WillDo)
            {
                text.Append("\n- ").Append(item);
            }
        }

        return text.Append("\n\n").Append(Apology).ToString();
    }

    private static string Join(string[] names)
        => names.Length == 1 ? names[0] : string.Join(", ", names.Take(names.Length - 1)) + " and " + names[^1];
}
