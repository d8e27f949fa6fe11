using StatusComms.Candor;
using StatusComms.Components;
using StatusComms.Postmortems;

namespace StatusComms.Functions.Contracts;

/// <summary>PATCH postmortem: <c>{"postmortem": {"title", "executive_summary", ...}}</c>; each field given replaces its section.</summary>
public sealed record PostmortemRequest
{
    public required PostmortemEdit Postmortem { get; init; }
}

/// <summary>Statuspage's postmortem body, <c>{"postmortem": {"body_draft": "…"}}</c>, read only to answer it (see StartPostmortem).</summary>
public sealed record StatuspagePostmortemRequest
{
    public StatuspagePostmortemFields? Postmortem { get; init; }
}

[AcceptsAndIgnores("notify_subscribers", "notify_twitter", "custom_tweet")]
public sealed record StatuspagePostmortemFields
{
    public string? BodyDraft { get; init; }
}

/// <summary>POST postmortem/timeline: <c>{"entry": {"at", "text", "public"}}</c>.</summary>
public sealed record TimelineEntryRequest
{
    public required TimelineEntryFields Entry { get; init; }
}

public sealed record TimelineEntryFields
{
    public DateTimeOffset? At { get; init; }
    public string? Text { get; init; }
    public bool? Public { get; init; }
}

/// <summary>POST postmortem/action-items: <c>{"action_item": {"description", "owner", "due_date", "kind", "link", "public"}}</c>; PATCH one: <c>{"action_item": {"status"}}</c>.</summary>
public sealed record PostmortemActionItemRequest
{
    public required PostmortemActionItemFields ActionItem { get; init; }
}

public sealed record PostmortemActionItemFields
{
    public string? Description { get; init; }
    public string? Owner { get; init; }
    public DateOnly? DueDate { get; init; }
    public ActionItemKind? Kind { get; init; }
    public Uri? Link { get; init; }
    public bool? Public { get; init; }
    public ActionItemStatus? Status { get; init; }
}

/// <summary>POST postmortem/status: <c>{"status": "in_review"}</c>.</summary>
public sealed record PostmortemStatusRequest
{
    public required PostmortemStatus Status { get; init; }
}

/// <summary>A postmortem as the management API shows it, with what is computed and the candor check's findings.</summary>
public sealed record PostmortemJson(
    string IncidentId,
    PostmortemStatus Status,
    PostmortemContent Document,
    ImpactJson Impact,
    IReadOnlyList<TimelineJson> Timeline,
    IReadOnlyList<RevisionJson> Revisions,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt,
    int? PublishedRevision,
    bool Publishable,
    IReadOnlyList<FindingJson> Findings)
{
    public static object Envelope(PostmortemDetails d) => new
    {
        postmortem = new PostmortemJson(
            d.Postmortem.IncidentId,
            d.Postmortem.Status,
            d.Postmortem.Content,
            ImpactJson.From(d.Impact),
            d.Timeline.Select(e => new TimelineJson(e.Id, e.At, e.Text, e.Source.ToString().ToLowerInvariant(), e.Public)).ToArray(),
            d.Postmortem.Revisions.Select(r => new RevisionJson(r.Number, r.By, r.At, r.Change, r.Status)).ToArray(),
            d.Postmortem.CreatedAt,
            d.Postmortem.UpdatedAt,
            d.Postmortem.PublishedAt,
            d.Postmortem.PublishedRevision,
            d.IsPublishable,
            d.Findings.Select(FindingJson.From).ToArray()),
    };
}

public sealed record ImpactJson(DateTimeOffset StartedAt, DateTimeOffset DetectedAt, DateTimeOffset FirstCustomerUpdateAt, long TimeToFirstUpdateSeconds, DateTimeOffset? MitigatedAt, DateTimeOffset? ResolvedAt, long? DurationSeconds, int SubscribersNotified, IReadOnlyList<ComponentImpactJson> Components)
{
    public static ImpactJson From(ImpactAnalysis i)
        => new(i.StartedAt, i.DetectedAt, i.FirstCustomerUpdateAt, (long)i.TimeToFirstUpdate.TotalSeconds, i.MitigatedAt, i.ResolvedAt, i.Duration is { } d ? (long)d.TotalSeconds : null, i.SubscribersNotified,
            i.Components.Select(c => new ComponentImpactJson(c.ComponentId, c.Name, c.Times.Select(t => new StatusTimeJson(t.Status, (long)t.Duration.TotalSeconds)).ToArray())).ToArray());
}

public sealed record ComponentImpactJson(string Id, string Name, IReadOnlyList<StatusTimeJson> Times);

public sealed record StatusTimeJson(ComponentStatus Status, long Seconds);

public sealed record TimelineJson(string Id, DateTimeOffset At, string Text, string Source, bool Public);

public sealed record RevisionJson(int Number, string By, DateTimeOffset At, string Change, PostmortemStatus Status);
