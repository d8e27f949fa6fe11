using Azure;
using Azure.Data.Tables;

namespace StatusComms.Infrastructure.Tables;

/// <summary>
/// The tables of the subscriber side, beside the page's table: subscribers (one row each, PartitionKey = page id,
/// RowKey = subscriber id) and deliveries (fan-out plans, send records, problems, event ids, rate-limit counters).
/// Kept apart from the page's table so that 100,000 subscribers never sit in the partition every publish reads.
/// </summary>
public sealed class NotificationTables(TableServiceClient service, string pageTableName, string pageId)
{
    private readonly Lazy<Task> _created = new(() => Task.WhenAll(
        service.GetTableClient(pageTableName + "subscribers").CreateIfNotExistsAsync(),
        service.GetTableClient(pageTableName + "deliveries").CreateIfNotExistsAsync()));

    public string PageId { get; } = pageId;

    public TableClient Subscribers { get; } = service.GetTableClient(pageTableName + "subscribers");

    public TableClient Deliveries { get; } = service.GetTableClient(pageTableName + "deliveries");

    public Task EnsureCreatedAsync() => _created.Value;

    internal static async Task<TableEntity?> GetOrNullAsync(TableClient client, string partition, string row, CancellationToken cancellationToken)
    {
        var response = await client.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Adds a row and returns its ETag; null when one with its keys exists already (insert-if-absent).</summary>
    internal static async Task<string?> TryAddAsync(TableClient client, TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.AddEntityAsync(entity, cancellationToken)).Headers.ETag?.ToString() ?? string.Empty;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Replaces a row only if it still has <paramref name="etag"/> and returns its new ETag; null when it changed.</summary>
    internal static async Task<string?> TryReplaceAsync(TableClient client, TableEntity entity, string etag, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Replace, cancellationToken)).Headers.ETag?.ToString() ?? string.Empty;
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            return null;
        }
    }
}
