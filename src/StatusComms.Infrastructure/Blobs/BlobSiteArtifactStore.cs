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
/// </summary>
public sealed class BlobSiteArtifactStore(BlobContainerClient container) : ISiteArtifactStore
{
    private const string VersionKey = "scversion";
    private const string HashKey = "scsha256";
    private const int MaxAttempts = 5;
    private readonly Lazy<Task> _created = new(() => container.CreateIfNotExistsAsync(), LazyThreadSafetyMode.ExecutionAndPublication);

    public async Task<ArtifactWriteOutcome> WriteAsync(SiteArtifact artifact, long version, CancellationToken cancellationToken)
    {
        await _created.Value;
        var blob = container.GetBlobClient(artifact.Path);
        var hash = Convert.ToHexStringLower(SHA256.HashData(artifact.Content.Span));
        for (var attempt = 1; ; attempt++)
        {
            var existing = await PropertiesAsync(blob, cancellationToken);
            if (existing is not null)
            {
                if (existing.Metadata.TryGetValue(HashKey, out var storedHash) && storedHash == hash)
                {
                    return ArtifactWriteOutcome.Unchanged;
                }

                if (VersionOf(existing.Metadata) > version)
                {
                    return ArtifactWriteOutcome.SupersededByNewer;
                }
            }

            var options = new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = artifact.ContentType, CacheControl = artifact.CacheControl },
                Metadata = new Dictionary<string, string>
                {
                    [VersionKey] = version.ToString(CultureInfo.InvariantCulture),
                    [HashKey] = hash,
                },
                Conditions = existing is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = existing.ETag },
            };
            try
            {
                await blob.UploadAsync(BinaryData.FromBytes(artifact.Content), options, cancellationToken);
                return ArtifactWriteOutcome.Written;
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another publisher wrote this file between our read and our write: look again and decide again.
            }
        }
    }

    public async Task RemoveAsync(string path, long version, CancellationToken cancellationToken)
    {
        await _created.Value;
        var blob = container.GetBlobClient(path);
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
            var download = await container.GetBlobClient(path).DownloadContentAsync(cancellationToken);
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

    private static long VersionOf(IDictionary<string, string> metadata)
        => metadata.TryGetValue(VersionKey, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1;
}
