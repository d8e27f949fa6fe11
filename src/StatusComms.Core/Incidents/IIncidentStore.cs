namespace StatusComms.Incidents;

/// <summary>Where incidents and their updates are kept.</summary>
public interface IIncidentStore
{
    Task<Incident?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Incidents not yet resolved, with their updates; cost independent of history.</summary>
    Task<IReadOnlyList<Incident>> ListOpenAsync(CancellationToken cancellationToken);

    /// <summary>Summaries of incidents, newest first, skipping <paramref name="skip"/>.</summary>
    Task<IReadOnlyList<IncidentSummary>> ListRecentAsync(int skip, int take, CancellationToken cancellationToken);

    Task AddAsync(Incident incident, CancellationToken cancellationToken);

    /// <summary>Writes the incident's header and unsaved updates atomically, only if the stored incident
    /// still has <paramref name="expectedVersion"/>; otherwise throws <see cref="Common.ConcurrencyConflictException"/>.</summary>
    Task SaveAsync(Incident incident, string expectedVersion, CancellationToken cancellationToken);
}
