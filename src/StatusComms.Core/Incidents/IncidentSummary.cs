namespace StatusComms.Incidents;

/// <summary>One line of incident history: enough to list an incident without reading its updates.</summary>
public sealed record IncidentSummary(
    string Id,
    string Name,
    IncidentStatus Status,
    IncidentImpact Impact,
    DateTimeOffset CreatedAt,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? PostmortemPublishedAt = null)
{
    public static IncidentSummary Of(Incident incident)
        => new(incident.Id, incident.Name, incident.Status, incident.Impact, incident.CreatedAt, incident.StartedAt, incident.UpdatedAt, incident.ResolvedAt, incident.PostmortemPublishedAt);
}
