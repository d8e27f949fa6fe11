namespace StatusComms.Maintenance;

/// <summary>A maintenance's header fields, as a store writes them.</summary>
public sealed record MaintenanceSnapshot(
    string Id,
    string Name,
    MaintenanceStatus Status,
    DateTimeOffset ScheduledFor,
    DateTimeOffset ScheduledUntil,
    bool AutoTransition,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<string> ComponentIds,
    int? RemindPriorMinutes = 60,
    DateTimeOffset? RemindedAt = null);
