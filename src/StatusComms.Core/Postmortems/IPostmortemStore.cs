namespace StatusComms.Postmortems;

/// <summary>Where postmortems are kept: one per incident, with its revisions appended, never rewritten.</summary>
public interface IPostmortemStore
{
    Task<Postmortem?> GetAsync(string incidentId, CancellationToken cancellationToken);

    Task AddAsync(Postmortem postmortem, CancellationToken cancellationToken);

    /// <summary>Saves the document and its new revisions if it is still at <paramref name="expectedVersion"/>; else a conflict.</summary>
    Task SaveAsync(Postmortem postmortem, string expectedVersion, CancellationToken cancellationToken);
}
