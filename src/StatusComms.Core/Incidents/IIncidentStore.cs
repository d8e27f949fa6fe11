namespace StatusComms.Incidents;

/// <summary>Where incidents and their updates are kept.</summary>
public interface IIncidentStore
{
    Task<Incident?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Incidents not yet resolved, with their updates; cost independent of history.</summary>
    Task<IReadOnlyList<Incident>> ListOpenAsync(CancellationToken cancellationToken);

    /// <summary>Summaries of incidents, newest first, skipping <paramref name="skip"/>.</summary>
    Task<IReadOnlyList<IncidentSummary>> ListRecentAsync(int skip, int take, CancellationToken cancellationToken);

    /// <summary>
    /// The <paramref name="take"/> incidents after <paramref name="skip"/>, newest first, with their updates, in one
    /// query whatever the history. They are for reading: saving one is refused as stale; read an incident by id to change it.
    /// </summary>
    Task<IReadOnlyList<Incident>> ListRecentIncidentsAsync(int skip, int take, CancellationToken cancellationToken);

    /// <summary>The public digests of the <paramref name="take"/> most recently created incidents, newest first, in one read.</summary>
    Task<IReadOnlyList<IncidentDigest>> ListRecentDigestsAsync(int take, CancellationToken cancellationToken);

    /// <summary>Summaries of incidents created in [<paramref name="from"/>, <paramref name="until"/>), newest first.</summary>
    Task<IReadOnlyList<IncidentSummary>> ListCreatedBetweenAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>The newest incident created before <paramref name="before"/>, or null.</summary>
    Task<IncidentSummary?> LatestCreatedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>
    /// An incident with its history index entry exactly as the lists above return it (its digest and summary), for a
    /// publisher that keeps the lists and refreshes one entry; null when it is gone or not indexed.
    /// </summary>
    Task<IndexedIncident?> GetIndexedAsync(string id, CancellationToken cancellationToken);

    Task AddAsync(Incident incident, CancellationToken cancellationToken);

    /// <summary>Writes the incident's header and unsaved updates atomically, only if the stored incident
    /// still has <paramref name="expectedVersion"/>; otherwise throws <see cref="Common.ConcurrencyConflictException"/>.</summary>
    Task SaveAsync(Incident incident, string expectedVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the incident off the page, the feeds, the API and every list, atomically and only if it still has
    /// <paramref name="expectedVersion"/>; the stored record stays, with who deleted it and when, for the audit trail.
    /// </summary>
    Task DeleteAsync(Incident incident, string expectedVersion, string by, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>An incident, and its entry in the history index as stored.</summary>
public sealed record IndexedIncident(Incident Incident, IncidentDigest Digest, IncidentSummary Summary);
