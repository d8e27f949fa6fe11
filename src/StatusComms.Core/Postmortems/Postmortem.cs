using StatusComms.Common;
using StatusComms.Incidents;

namespace StatusComms.Postmortems;

/// <summary>
/// The postmortem of one resolved incident: the document the team writes together (draft → in review → final),
/// with every change kept as a revision (who, when, what), so a published summary can be traced to the text it
/// came from. Only a final document can be published.
/// </summary>
public sealed class Postmortem
{
    public const int MaxTextLength = 20_000;
    public const int MaxItems = 100;

    private readonly List<PostmortemRevision> _revisions = [];

    private Postmortem(string incidentId) => IncidentId = incidentId;

    public string IncidentId { get; }

    public PostmortemStatus Status { get; private set; }

    public PostmortemContent Content { get; private set; } = new();

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    /// <summary>The revision the published summary was rendered from.</summary>
    public int? PublishedRevision { get; private set; }

    public IReadOnlyList<PostmortemRevision> Revisions => _revisions;

    /// <summary>Revisions not stored yet (the store appends them, never rewrites old ones).</summary>
    public IReadOnlyList<PostmortemRevision> UnsavedRevisions => _revisions[_saved..];

    public string? Version { get; private set; }

    private int _saved;

    public static Postmortem Start(Incident incident, string by, DateTimeOffset now)
    {
        if (incident.Status is not (IncidentStatus.Resolved or IncidentStatus.Postmortem))
        {
            throw new DomainRuleException("A postmortem is written once the incident is resolved: resolve it first.");
        }

        var postmortem = new Postmortem(incident.Id) { Status = PostmortemStatus.Draft, CreatedAt = now, UpdatedAt = now };
        postmortem.Record(by, now, "started the postmortem", new PostmortemContent { Title = $"Postmortem: {incident.Name}", Owners = [by] });
        return postmortem;
    }

    /// <summary>Changes the text. A final document is changed only after moving it back to draft.</summary>
    public void Edit(Func<PostmortemContent, PostmortemContent> change, string description, string by, DateTimeOffset now)
    {
        if (Status == PostmortemStatus.Final)
        {
            throw new DomainRuleException("This postmortem is final: move it back to draft to change it.");
        }

        var next = change(Content);
        Validate(next);
        Record(by, now, description, next);
    }

    public TeamTimelineEntry AddTimelineEntry(DateTimeOffset at, string text, bool isPublic, string by, DateTimeOffset now)
    {
        var entry = new TeamTimelineEntry(Ids.NewId(), at, text.Trim(), isPublic);
        Edit(c => c with { TimelineEntries = [.. c.TimelineEntries, entry] }, $"added a timeline entry at {at:u}", by, now);
        return entry;
    }

    public PostmortemActionItem AddActionItem(string description, string? owner, DateOnly? dueDate, ActionItemKind kind, Uri? link, bool isPublic, string by, DateTimeOffset now)
    {
        var item = new PostmortemActionItem(Ids.NewId(), description.Trim(), owner?.Trim(), dueDate, kind, ActionItemStatus.Open, link, isPublic);
        Edit(c => c with { ActionItems = [.. c.ActionItems, item] }, "added an action item", by, now);
        return item;
    }

    /// <summary>Changes what an action item says, who owns it, when it is due, or how far it is; null fields stay.</summary>
    public void ChangeActionItem(string itemId, ActionItemChange change, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (Content.ActionItems.All(i => i.Id != itemId))
        {
            throw new DomainRuleException($"There is no action item '{itemId}' in this postmortem.");
        }

        Edit(c => c with { ActionItems = c.ActionItems.Select(i => i.Id == itemId ? change.Apply(i) : i).ToArray() }, change.Describe(), by, now);
    }

    /// <summary>draft → in review → final; back to draft from either. Review before final is not skipped.</summary>
    /// <param name="note">Why, when the move is not a person's own step (kept in the revision).</param>
    public void MoveTo(PostmortemStatus next, string by, DateTimeOffset now, string? note = null)
    {
        var allowed = (Status, next) switch
        {
            (PostmortemStatus.Draft, PostmortemStatus.InReview) => true,
            (PostmortemStatus.InReview, PostmortemStatus.Final) => true,
            (PostmortemStatus.InReview or PostmortemStatus.Final, PostmortemStatus.Draft) => true,
            _ => false,
        };
        if (!allowed)
        {
            throw new DomainRuleException(next == PostmortemStatus.Final
                ? "A postmortem becomes final after review: move it to in_review first."
                : $"A postmortem cannot move from {WireName.Of(Status)} to {WireName.Of(next)}.");
        }

        Status = next;
        Record(by, now, $"moved it to {WireName.Of(next)}{(note is null ? string.Empty : $" ({note})")}", Content);
    }

    /// <summary>Recorded once the summary is on the status page; only a final document gets here.</summary>
    public void MarkPublished(string by, DateTimeOffset now)
    {
        if (Status != PostmortemStatus.Final)
        {
            throw new DomainRuleException("Only a final postmortem can be published: put it through review and make it final.");
        }

        PublishedAt = now;
        PublishedRevision = _revisions[^1].Number + 1;
        Record(by, now, "published the customer summary", Content);
    }

    public static Postmortem Rehydrate(PostmortemSnapshot snapshot, IEnumerable<PostmortemRevision> revisions, string version)
    {
        var postmortem = new Postmortem(snapshot.IncidentId)
        {
            Status = snapshot.Status,
            Content = snapshot.Content,
            CreatedAt = snapshot.CreatedAt,
            UpdatedAt = snapshot.UpdatedAt,
            PublishedAt = snapshot.PublishedAt,
            PublishedRevision = snapshot.PublishedRevision,
            Version = version,
        };
        postmortem._revisions.AddRange(revisions.OrderBy(r => r.Number));
        postmortem._saved = postmortem._revisions.Count;
        return postmortem;
    }

    public PostmortemSnapshot ToSnapshot() => new(IncidentId, Status, Content, CreatedAt, UpdatedAt, PublishedAt, PublishedRevision);

    public void MarkSaved(string version)
    {
        Version = version;
        _saved = _revisions.Count;
    }

    private void Record(string by, DateTimeOffset now, string change, PostmortemContent content)
    {
        Content = content;
        UpdatedAt = now;
        _revisions.Add(new PostmortemRevision(_revisions.Count + 1, by, now, change, content, Status));
    }

    private static void Validate(PostmortemContent content)
    {
        string[] texts = [content.Title, content.ExecutiveSummary, content.BusinessImpact, content.RootCause, content.LessonsLearned, content.Apology];
        if (texts.Any(t => t.Length > MaxTextLength) || content.TimelineEntries.Any(e => e.Text.Length > MaxTextLength) || content.ActionItems.Any(i => i.Description.Length > 2000))
        {
            throw new DomainRuleException($"A postmortem section has at most {MaxTextLength:N0} characters.");
        }

        if (content.Title.Trim().Length == 0)
        {
            throw new DomainRuleException("A postmortem needs a title.");
        }

        if (content.ActionItems.Count > MaxItems || content.TimelineEntries.Count > MaxItems * 5)
        {
            throw new DomainRuleException($"A postmortem has at most {MaxItems} action items.");
        }

        if (content.TimelineEntries.Any(e => e.Text.Length == 0) || content.ActionItems.Any(i => i.Description.Length == 0))
        {
            throw new DomainRuleException("Timeline entries and action items need words.");
        }
    }
}

public sealed record PostmortemSnapshot(string IncidentId, PostmortemStatus Status, PostmortemContent Content, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt, int? PublishedRevision);
