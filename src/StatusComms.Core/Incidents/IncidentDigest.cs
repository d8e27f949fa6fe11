using StatusComms.Components;

namespace StatusComms.Incidents;

/// <summary>
/// What the public may know of an incident: its header, the component statuses it sets, and its updates as they
/// were posted. No author and no candor review: everything published is built from digests, so nothing internal
/// can leak. Stored with the incident's history index row, so the publisher reads many incidents in one query.
/// </summary>
public sealed record IncidentDigest(
    string Id,
    string Name,
    IncidentStatus Status,
    IncidentImpact Impact,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset StartedAt,
    DateTimeOffset? MonitoringAt,
    DateTimeOffset? ResolvedAt,
    IReadOnlyDictionary<string, ComponentStatus> Components,
    IReadOnlyList<UpdateDigest> Updates,
    string? PostmortemBody = null,
    DateTimeOffset? PostmortemPublishedAt = null)
{
    public bool IsOpen => Status is IncidentStatus.Investigating or IncidentStatus.Identified or IncidentStatus.Monitoring;

    public static IncidentDigest Of(Incident incident)
        => new(
            incident.Id,
            incident.Name,
            incident.Status,
            incident.Impact,
            incident.CreatedAt,
            incident.UpdatedAt,
            incident.StartedAt,
            incident.MonitoringAt,
            incident.ResolvedAt,
            new Dictionary<string, ComponentStatus>(incident.Components, StringComparer.Ordinal),
            incident.Updates.Select(UpdateDigest.Of).ToArray(),
            incident.PostmortemBody,
            incident.PostmortemPublishedAt);

    /// <summary>The same digest with the bodies of its oldest updates shortened to a pointer at the incident page,
    /// for the rare incident whose text exceeds what one index row can hold.</summary>
    public IncidentDigest WithoutOldBodies(int keepNewest)
        => this with
        {
            Updates = Updates
                .Select((u, i) => i >= Updates.Count - keepNewest ? u : u with { Body = "This update is too long for the feed; read it on the incident page." })
                .ToArray(),
        };
}

/// <summary>One posted update, as the public sees it.</summary>
public sealed record UpdateDigest(
    string Id,
    IncidentStatus Status,
    string Body,
    DateTimeOffset CreatedAt,
    DateTimeOffset DisplayAt,
    IReadOnlyList<ComponentChange> ComponentChanges,
    bool DeliverNotifications,
    DateTimeOffset? EditedAt = null)
{
    public static UpdateDigest Of(IncidentUpdate update)
        => new(update.Id, update.Status, update.Body, update.CreatedAt, update.DisplayAt, update.ComponentChanges, update.DeliverNotifications, update.EditedAt);
}
