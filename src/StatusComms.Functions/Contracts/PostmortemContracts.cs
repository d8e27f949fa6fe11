using System.Text.Json.Serialization;
using StatusComms.Candor;
using StatusComms.Common;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Postmortems;

namespace StatusComms.Functions.Contracts;

/// <summary>PATCH postmortem: <c>{"postmortem": {"title", "executive_summary", ...}}</c>; each field given replaces its section.</summary>
public sealed record PostmortemRequest
{
    public required PostmortemEdit Postmortem { get; init; }
}

/// <summary>
/// Statuspage's postmortem body: <c>{"postmortem": {"body_draft": "…"}}</c> to write it (PUT postmortem),
/// <c>{"postmortem": {"notify_subscribers": true}}</c> to publish it.
/// </summary>
public sealed record StatuspagePostmortemRequest
{
    public StatuspagePostmortemFields? Postmortem { get; init; }
}

[AcceptsAndIgnores("notify_twitter", "custom_tweet")]
public sealed record StatuspagePostmortemFields
{
    /// <summary>The whole postmortem as one text, read into the document's sections (<see cref="PostmortemDraftText"/>).</summary>
    public string? BodyDraft { get; init; }

    /// <summary>On publish: false sends the postmortem's update to no one.</summary>
    public bool? NotifySubscribers { get; init; }
}

/// <summary>
/// A postmortem as Statuspage's API returns it (<c>body</c> is what was published, <c>body_draft</c> the document as
/// one text), with StatusComms' <c>status</c>, <c>publishable</c> and <c>findings</c>, and, after a write from text,
/// how each heading was read. GET adds the whole document under <c>postmortem</c>.
/// </summary>
public sealed record StatuspagePostmortemJson
{
    public string? PreviewKey { get; init; }
    public string? Body { get; init; }
    public DateTimeOffset? BodyUpdatedAt { get; init; }
    public required string BodyDraft { get; init; }
    public required DateTimeOffset BodyDraftUpdatedAt { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public required bool NotifySubscribers { get; init; }
    public bool NotifyTwitter { get; init; }
    public string? CustomTweet { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required PostmortemStatus Status { get; init; }
    public required bool Publishable { get; init; }
    public required IReadOnlyList<FindingJson> Findings { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SectionReadJson>? SectionsRead { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PostmortemJson? Postmortem { get; init; }

    public static StatuspagePostmortemJson From(PostmortemDetails d, PostmortemDraftText.Reading? reading = null, bool withDocument = false)
    {
        ArgumentNullException.ThrowIfNull(d);
        var p = d.Postmortem;
        return new()
        {
            Body = p.PublishedAt is null ? null : d.Incident.PostmortemBody,
            BodyUpdatedAt = p.PublishedAt,
            BodyDraft = PostmortemDraftText.Write(p.Content),
            BodyDraftUpdatedAt = p.UpdatedAt,
            PublishedAt = p.PublishedAt,
            NotifySubscribers = d.Incident.Updates.LastOrDefault(u => u.Status == IncidentStatus.Postmortem)?.DeliverNotifications ?? true,
            CreatedAt = p.CreatedAt,
            UpdatedAt = p.UpdatedAt,
            Status = p.Status,
            Publishable = d.Findings.All(f => f.Severity != FindingSeverity.Error),
            Findings = d.Findings.Select(FindingJson.From).ToArray(),
            SectionsRead = reading?.Headings.Select(h => new SectionReadJson(h.Heading, WireName.Of(h.Section))).ToArray(),
            Postmortem = withDocument ? PostmortemJson.From(d) : null,
        };
    }

}

/// <summary>A heading of a body_draft and the section of the document it was read as.</summary>
public sealed record SectionReadJson(string Heading, string Section);

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
    public static object Envelope(PostmortemDetails d) => new { postmortem = From(d) };

    public static PostmortemJson From(PostmortemDetails d)
        => new(
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
            d.Findings.Select(FindingJson.From).ToArray());
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
