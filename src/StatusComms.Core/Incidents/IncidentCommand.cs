using StatusComms.Components;

namespace StatusComms.Incidents;

/// <summary>
/// What a comms lead asks of an incident, the one shape every write takes (the API, the console, the postmortem's
/// announcement), from the edge down to the aggregate. Opening reads every member (<see cref="Name"/> and
/// <see cref="Body"/> are required there); a change leaves a null member as it is: a new status, body, component
/// or next-update time posts an update (<see cref="PostsUpdate"/>), a new name or impact alone edits the incident
/// without one.
/// </summary>
public sealed record IncidentCommand
{
    public string? Name { get; init; }
    public IncidentStatus? Status { get; init; }
    public string? Body { get; init; }
    public IncidentImpact? ImpactOverride { get; init; }

    /// <summary>When the problem began, if before the incident was opened (opening only).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Components affected without a change of status: they join at the status they have now.</summary>
    public IReadOnlyList<string> ComponentIds { get; init; } = [];

    /// <summary>Components whose status this update sets, by id.</summary>
    public IReadOnlyDictionary<string, ComponentStatus> Components { get; init; } = new Dictionary<string, ComponentStatus>();

    public DateTimeOffset? NextUpdateAt { get; init; }
    public bool DeliverNotifications { get; init; } = true;
    public required string Author { get; init; }

    /// <summary>Why the message should go out despite the candor check's errors; recorded with the update.</summary>
    public string? CandorOverrideReason { get; init; }

    public bool PostsUpdate => Status is not null || Body is not null || Components.Count > 0 || ComponentIds.Count > 0 || NextUpdateAt is not null;
}
