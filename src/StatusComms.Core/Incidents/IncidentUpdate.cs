using StatusComms.Candor;

namespace StatusComms.Incidents;

/// <summary>
/// One message posted on an incident. Updates are never removed; an edit (Statuspage's "edit an incident update":
/// a typo, a clearer sentence, a corrected display time) replaces the body and keeps the body first posted, which is
/// what subscribers were mailed, with who edited it and when (<see cref="Incident.EditUpdate"/>).
/// </summary>
public sealed record IncidentUpdate
{
    public required string Id { get; init; }
    public required string IncidentId { get; init; }

    /// <summary>1-based position in the incident's trail; also orders updates in storage.</summary>
    public required int Sequence { get; init; }

    public required IncidentStatus Status { get; init; }
    public required string Body { get; init; }
    public required IReadOnlyList<ComponentChange> ComponentChanges { get; init; }
    public required string Author { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset DisplayAt { get; init; }

    /// <summary>When the comms lead promised the next update, in UTC; null once the incident is resolved.</summary>
    public DateTimeOffset? NextUpdateAt { get; init; }

    public bool DeliverNotifications { get; init; } = true;

    /// <summary>The body as first posted and mailed, when the update has been edited since; null otherwise.</summary>
    public string? OriginalBody { get; init; }

    /// <summary>When the update was last edited, and by whom; null if it never was.</summary>
    public DateTimeOffset? EditedAt { get; init; }

    public string? EditedBy { get; init; }

    /// <summary>What the candor check found when this update was posted (or last edited), and any override reason.</summary>
    public CandorReview Review { get; init; } = CandorReview.None;
}
