using System.Text.Json.Serialization;

namespace StatusComms.Postmortems;

/// <summary>draft → in review → final. Only a final postmortem can be published; publishing keeps it final.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PostmortemStatus>))]
public enum PostmortemStatus
{
    [JsonStringEnumMemberName("draft")]
    Draft,

    [JsonStringEnumMemberName("in_review")]
    InReview,

    [JsonStringEnumMemberName("final")]
    Final,
}

[JsonConverter(typeof(JsonStringEnumConverter<ActionItemKind>))]
public enum ActionItemKind
{
    [JsonStringEnumMemberName("immediate_fix")]
    ImmediateFix,

    [JsonStringEnumMemberName("long_term_prevention")]
    LongTermPrevention,
}

[JsonConverter(typeof(JsonStringEnumConverter<ActionItemStatus>))]
public enum ActionItemStatus
{
    [JsonStringEnumMemberName("open")]
    Open,

    [JsonStringEnumMemberName("in_progress")]
    InProgress,

    [JsonStringEnumMemberName("done")]
    Done,
}

/// <summary>A commitment: what will be done, by whom, by when; <see cref="Public"/> ones are in the customer summary.</summary>
public sealed record PostmortemActionItem(string Id, string Description, string? Owner, DateOnly? DueDate, ActionItemKind Kind, ActionItemStatus Status, Uri? Link, bool Public);

/// <summary>What a change to an action item sets: each non-null field replaces that part; an empty owner or a null-clearing flag removes it.</summary>
public sealed record ActionItemChange
{
    public string? Description { get; init; }

    /// <summary>The new owner; "" removes the owner.</summary>
    public string? Owner { get; init; }

    public DateOnly? DueDate { get; init; }

    /// <summary>Removes the due date (when <see cref="DueDate"/> is null).</summary>
    public bool ClearDueDate { get; init; }

    public ActionItemKind? Kind { get; init; }
    public Uri? Link { get; init; }
    public bool? Public { get; init; }
    public ActionItemStatus? Status { get; init; }

    public PostmortemActionItem Apply(PostmortemActionItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item with
        {
            Description = Description?.Trim() ?? item.Description,
            Owner = Owner is null ? item.Owner : Owner.Trim() is { Length: > 0 } owner ? owner : null,
            DueDate = DueDate ?? (ClearDueDate ? null : item.DueDate),
            Kind = Kind ?? item.Kind,
            Link = Link ?? item.Link,
            Public = Public ?? item.Public,
            Status = Status ?? item.Status,
        };
    }

    /// <summary>The revision's note: "marked an action item done" when only the status moved, else "edited an action item".</summary>
    public string Describe()
        => Status is { } status && Description is null && Owner is null && DueDate is null && !ClearDueDate && Kind is null && Link is null && Public is null
            ? $"marked an action item {Common.WireName.Of(status)}"
            : "edited an action item";
}

/// <summary>A moment the team adds to the timeline (detection, escalation, a deploy); <see cref="Public"/> ones reach customers.</summary>
public sealed record TeamTimelineEntry(string Id, DateTimeOffset At, string Text, bool Public);

/// <summary>One kept version of the document: who changed what, when, and the document as it then was.</summary>
public sealed record PostmortemRevision(int Number, string By, DateTimeOffset At, string Change, PostmortemContent Content, PostmortemStatus Status);

/// <summary>The parts the team writes.</summary>
public sealed record PostmortemContent
{
    public string Title { get; init; } = string.Empty;
    public IReadOnlyList<string> Owners { get; init; } = [];
    public IReadOnlyList<string> Authors { get; init; } = [];
    public IReadOnlyList<string> Participants { get; init; } = [];

    /// <summary>What happened, for customers: the opening of the summary.</summary>
    public string ExecutiveSummary { get; init; } = string.Empty;

    /// <summary>What the system cannot know: share of requests failed, orders affected.</summary>
    public string BusinessImpact { get; init; } = string.Empty;

    /// <summary>Why it happened, in plain words.</summary>
    public string RootCause { get; init; } = string.Empty;

    public string LessonsLearned { get; init; } = string.Empty;

    /// <summary>The apology that closes the customer summary; it must name the impact.</summary>
    public string Apology { get; init; } = string.Empty;

    public IReadOnlyList<TeamTimelineEntry> TimelineEntries { get; init; } = [];

    public IReadOnlyList<PostmortemActionItem> ActionItems { get; init; } = [];

    /// <summary>Which computed timeline entries (by id: "u{update id}", "c{update id}-{component}") customers see; all updates by default.</summary>
    public IReadOnlyList<string> HiddenComputedEntries { get; init; } = [];
}
