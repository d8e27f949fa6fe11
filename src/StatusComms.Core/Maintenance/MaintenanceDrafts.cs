namespace StatusComms.Maintenance;

/// <summary>Planned work as a comms lead announces it.</summary>
public sealed record NewMaintenance
{
    public required string Name { get; init; }
    public required string Body { get; init; }
    public required DateTimeOffset ScheduledFor { get; init; }
    public required DateTimeOffset ScheduledUntil { get; init; }
    public IReadOnlyList<string> ComponentIds { get; init; } = [];
    public bool AutoTransition { get; init; } = true;

    /// <summary>How long before the start subscribers are reminded; null for no reminder.</summary>
    public TimeSpan? RemindPrior { get; init; } = ScheduledMaintenance.DefaultRemindPrior;
    public required string Author { get; init; }
    public string? CandorOverrideReason { get; init; }
}

/// <summary>An update on a maintenance, optionally moving it to another stage or moving the end of its window.</summary>
public sealed record MaintenanceChanges
{
    public MaintenanceStatus? Status { get; init; }

    /// <summary>A new end of the window, when the work runs long (announce it with the "extended" message).</summary>
    public DateTimeOffset? ScheduledUntil { get; init; }
    public required string Body { get; init; }
    public required string Author { get; init; }
    public string? CandorOverrideReason { get; init; }
}
