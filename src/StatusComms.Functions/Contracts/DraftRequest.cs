using StatusComms.Candor;
using StatusComms.Incidents;

namespace StatusComms.Functions.Contracts;

/// <summary>Body of POST candor/check: <c>{"draft": {"title", "body", "status", "impact", "component_ids", "next_update_at", "action_items", "postmortem"}}</c>.</summary>
public sealed record DraftRequest
{
    public required DraftFields Draft { get; init; }
}

public sealed record DraftFields
{
    public string? Title { get; init; }
    public required string Body { get; init; }
    public IncidentStatus Status { get; init; } = IncidentStatus.Investigating;
    public IncidentImpact Impact { get; init; } = IncidentImpact.Minor;
    public IReadOnlyList<string> ComponentIds { get; init; } = [];
    public DateTimeOffset? NextUpdateAt { get; init; }
    public IReadOnlyList<ActionItemFields> ActionItems { get; init; } = [];

    /// <summary>True to check a postmortem document, whose action items are required and checked.</summary>
    public bool Postmortem { get; init; }

    public DraftToCheck ToDraft()
        => new(Title, Body, Status, Impact, ComponentIds, NextUpdateAt, ActionItems.Select(a => new ActionItem(a.Description, a.Owner, a.DueDate)).ToArray(), Postmortem);
}

public sealed record ActionItemFields(string Description, string? Owner, DateOnly? DueDate);

/// <summary>The verdict on a draft: whether it may be published as it is, and every finding.</summary>
public sealed record DraftVerdictJson(bool Publishable, IReadOnlyList<FindingJson> Findings)
{
    public static DraftVerdictJson From(IReadOnlyList<CandorFinding> findings)
        => new(!findings.Any(f => f.Severity == FindingSeverity.Error), findings.Select(FindingJson.From).ToArray());
}
