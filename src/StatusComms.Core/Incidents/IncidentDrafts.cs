using StatusComms.Components;

namespace StatusComms.Incidents;

/// <summary>A new incident as a comms lead opens it.</summary>
public sealed record NewIncident
{
    public required string Name { get; init; }
    public IncidentStatus? Status { get; init; }
    public required string Body { get; init; }
    public IncidentImpact? ImpactOverride { get; init; }
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Components affected without a change of status.</summary>
    public IReadOnlyList<string> ComponentIds { get; init; } = [];

    /// <summary>Components affected, with the status each is in.</summary>
    public IReadOnlyDictionary<string, ComponentStatus> Components { get; init; } = new Dictionary<string, ComponentStatus>();

    public DateTimeOffset? NextUpdateAt { get; init; }
    public bool DeliverNotifications { get; init; } = true;
    public required string Author { get; init; }

    /// <summary>Why the message should go out despite the candor check's errors; recorded with the update.</summary>
    public string? CandorOverrideReason { get; init; }
}

/// <summary>
/// A change to an incident. A new status, body or component status posts an update; a new name or impact
/// alone edits the incident without one.
/// </summary>
public sealed record IncidentChanges
{
    public string? Name { get; init; }
    public IncidentStatus? Status { get; init; }
    public string? Body { get; init; }
    public IncidentImpact? ImpactOverride { get; init; }
    public IReadOnlyList<string> ComponentIds { get; init; } = [];
    public IReadOnlyDictionary<string, ComponentStatus> Components { get; init; } = new Dictionary<string, ComponentStatus>();
    public DateTimeOffset? NextUpdateAt { get; init; }
    public bool DeliverNotifications { get; init; } = true;
    public required string Author { get; init; }

    /// <summary>Why the message should go out despite the candor check's errors; recorded with the update.</summary>
    public string? CandorOverrideReason { get; init; }

    public bool PostsUpdate => Status is not null || Body is not null || Components.Count > 0 || ComponentIds.Count > 0 || NextUpdateAt is not null;
}
