namespace StatusComms.Publishing;

/// <summary>
/// What the publisher needs to know about the stored data: its version (raised by every accepted change, in the
/// same transaction as the change) and the pages each change left to publish.
/// </summary>
public interface IPublicationLedger
{
    Task<long> GetPageVersionAsync(CancellationToken cancellationToken);

    /// <summary>The version with the latest changes that raised it (one point read).</summary>
    Task<PageVersion> GetPageStateAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<PendingPage>> ListPendingAsync(CancellationToken cancellationToken);

    /// <summary>Removes the mark unless a newer change has marked the page again since it was listed.</summary>
    Task ClearAsync(PendingPage page, CancellationToken cancellationToken);
}
