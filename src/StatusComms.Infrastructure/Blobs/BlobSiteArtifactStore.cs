using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using StatusComms.Publishing;

namespace StatusComms.Infrastructure.Blobs;

/// <summary>
/// The published site in a blob container ($web for static website hosting). Each blob carries the data version
/// it was rendered from and a hash of its content in its metadata: an unchanged file is not rewritten, and a
/// write is conditional on the blob's ETag, so a render from an older version can never replace a newer one.
/// What this process last read or wrote of each blob (ETag, hash, version) is remembered for
/// <see cref="TrustFor"/>: within it an unchanged file costs no request at all and a changed one a single
/// conditional upload, with no read first. Another writer's upload in between fails that condition, and the file
/// is read and decided again; a file another instance changed to different bytes while ours are the same is
/// caught when the memory is older than <see cref="TrustFor"/> (and by the reconcile timer's next run).
/// <paramref name="folder"/> is where in the container the site lives: "" for the real page, "drills/{id}/" for a drill's sandbox.
/// </summary>
public sealed class BlobSiteArtifactStore(BlobContainerClient container, string folder = "") : ISiteArtifactStore
{
    /// <summary>How long what this process knows of a blob is trusted without reading it again.</summary>
    public static readonly TimeSpan TrustFor = TimeSpan.FromSeconds(30);

    private const string VersionKey = "scversion";
    private const string HashKey = "scsha256";
    private const int MaxAttempts = 5;
    private readonly Lazy<Task> _created = new(() => container.CreateIfNotExistsAsync(), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly ConcurrentDictionary<string, Known> _known = new(StringComparer.Ordinal);

    public async Task<ArtifactWriteOutcome> WriteAsync(SiteArtifact artifact, long version, CancellationToken cancellationToken)
    {
        await _created.Value;
        var blob = container.GetBlobClient(folder + artifact.Path);
        var hash = Convert.ToHexStringLower(SHA256.HashData(artifact.Content.Span));
        if (_known.TryGetValue(artifact.Path, out var known) && Environment.TickCount64 - known.CheckedAt < TrustFor.TotalMilliseconds)
        {
            if (known.Hash == hash)
            {
                return ArtifactWriteOutcome.Unchanged;
            }

            if (known.Version > version)
            {
                return ArtifactWriteOutcome.SupersededByNewer;
            }

            if (await TryUploadAsync(blob, artifact, hash, version, new BlobRequestConditions { IfMatch = known.ETag }, cancellationToken))
            {
                return ArtifactWriteOutcome.Written;
            }
        }

        for (var attempt = 1; ; attempt++)
        {
            var existing = await PropertiesAsync(blob, cancellationToken);
            if (existing is not null)
            {
                var storedHash = existing.Metadata.TryGetValue(HashKey, out var h) ? h : null;
                var storedVersion = VersionOf(existing.Metadata);
                _known[artifact.Path] = new Known(existing.ETag, storedHash, storedVersion, Environment.TickCount64);
                if (storedHash == hash)
                {
                    return ArtifactWriteOutcome.Unchanged;
                }

                if (storedVersion > version)
                {
                    return ArtifactWriteOutcome.SupersededByNewer;
                }
            }

            var conditions = existing is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = existing.ETag };
            if (await TryUploadAsync(blob, artifact, hash, version, conditions, cancellationToken))
            {
                return ArtifactWriteOutcome.Written;
            }

            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException($"{artifact.Path} was rewritten by another publisher {MaxAttempts} times in a row.");
            }

            // Another publisher wrote this file between our read and our write: look again and decide again.
        }
    }

    /// <summary>Uploads under <paramref name="conditions"/>; false (and forgets what it knew) when another writer got there first.</summary>
    private async Task<bool> TryUploadAsync(BlobClient blob, SiteArtifact artifact, string hash, long version, BlobRequestConditions conditions, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = artifact.ContentType, CacheControl = artifact.CacheControl },
            Metadata = new Dictionary<string, string>
            {
                [VersionKey] = version.ToString(CultureInfo.InvariantCulture),
                [HashKey] = hash,
            },
            Conditions = conditions,
        };
        try
        {
            var uploaded = await blob.UploadAsync(BinaryData.FromBytes(artifact.Content), options, cancellationToken);
            _known[artifact.Path] = new Known(uploaded.Value.ETag, hash, version, Environment.TickCount64);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            _known.TryRemove(artifact.Path, out _);
            return false;
        }
    }

    public async Task RemoveAsync(string path, long version, CancellationToken cancellationToken)
    {
        await _created.Value;
        var blob = container.GetBlobClient(folder + path);
        _known.TryRemove(path, out _);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await PropertiesAsync(blob, cancellationToken);
            if (existing is null || VersionOf(existing.Metadata) > version)
            {
                return;
            }

            try
            {
                await blob.DeleteIfExistsAsync(conditions: new BlobRequestConditions { IfMatch = existing.ETag }, cancellationToken: cancellationToken);
                return;
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Rewritten between our read and our delete: look again.
            }
        }
    }

    public async Task<PublishedFile?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await _created.Value;
        try
        {
            var download = await container.GetBlobClient(folder + path).DownloadContentAsync(cancellationToken);
            var details = download.Value.Details;
            return new PublishedFile(download.Value.Content.ToArray(), details.ContentType, details.CacheControl, VersionOf(details.Metadata));
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    private static async Task<BlobProperties?> PropertiesAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    /// <summary>What this process last saw of a blob, and when (Environment.TickCount64).</summary>
    private sealed record Known(ETag ETag, string? Hash, long Version, long CheckedAt);

    private static long VersionOf(IDictionary<string, string> metadata)
        => metadata.TryGetValue(VersionKey, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1;
}
