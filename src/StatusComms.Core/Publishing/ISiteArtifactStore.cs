namespace StatusComms.Publishing;

/// <summary>The published site (the Blob <c>$web</c> container in Azure).</summary>
public interface ISiteArtifactStore
{
    /// <summary>
    /// Writes <paramref name="artifact"/> as rendered from data version <paramref name="version"/>: not at all when
    /// the stored copy has the same content, and never over a copy rendered from a newer version.
    /// </summary>
    Task<ArtifactWriteOutcome> WriteAsync(SiteArtifact artifact, long version, CancellationToken cancellationToken);

    /// <summary>
    /// Removes a published file (a deleted incident's page), unless the stored copy was rendered from a version newer
    /// than <paramref name="version"/>. Removing a file that is not there is not an error.
    /// </summary>
    Task RemoveAsync(string path, long version, CancellationToken cancellationToken);

    /// <summary>Reads a published file, or null; for the local runner and tests.</summary>
    Task<PublishedFile?> ReadAsync(string path, CancellationToken cancellationToken);
}

public enum ArtifactWriteOutcome
{
    Written,
    Unchanged,
    SupersededByNewer,
}

public sealed record PublishedFile(byte[] Content, string ContentType, string? CacheControl, long Version);
