using StatusComms.Components;

namespace StatusComms.Incidents;

/// <summary>What a comms lead asks for when posting to an incident. Null members mean "leave as it is".</summary>
public sealed record UpdateRequest
{
    public IncidentStatus? Status { get; init; }
    public string? Body { get; init; }

    /// <summary>Components whose status this update sets, by id.</summary>
    public IReadOnlyDictionary<string, ComponentStatus> Components { get; init; } = new Dictionary<string, ComponentStatus>();

    public DateTimeOffset? NextUpdateAt { get; init; }
    public bool DeliverNotifications { get; init; } = true;
    public required string Author { get; init; }
}
