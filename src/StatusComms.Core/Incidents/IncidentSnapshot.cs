using StatusComms.Components;

namespace StatusComms.Incidents;

/// <summary>An incident's header fields, without its updates: what the store keeps in the header row.</summary>
public sealed record IncidentSnapshot(
    string Id,
    string Name,
    IncidentStatus Status,
    IncidentImpact Impact,
    bool ImpactOverridden,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset StartedAt,
    DateTimeOffset? MonitoringAt,
    DateTimeOffset? ResolvedAt,
    IReadOnlyDictionary<string, ComponentStatus> Components,
    string? PostmortemBody = null,
    DateTimeOffset? PostmortemPublishedAt = null);
