using Azure;
using Azure.Data.Tables;
using StatusComms.Common;
using StatusComms.Subscriptions;

namespace StatusComms.Infrastructure.Tables;

/// <summary>Subscribers in their own table: one row each, in id order, so the fan-out reads them in pages of 1,000.</summary>
public sealed class TableSubscriberStore(NotificationTables tables) : ISubscriberStore
{
    private TableClient Table => tables.Subscribers;

    public async Task<Subscriber?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        return await NotificationTables.GetOrNullAsync(Table, tables.PageId, id, cancellationToken) is { } row ? FromEntity(row) : null;
    }

    public async Task<bool> TryAddAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var etag = await NotificationTables.TryAddAsync(Table, ToEntity(subscriber), cancellationToken);
        subscriber.MarkSaved(etag ?? subscriber.Version);
        return etag is not null;
    }

    public async Task<bool> TrySaveAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var etag = await NotificationTables.TryReplaceAsync(Table, ToEntity(subscriber), subscriber.Version ?? throw new InvalidOperationException("A subscriber that was never stored cannot be saved."), cancellationToken);
        if (etag is null)
        {
            return false;
        }

        subscriber.MarkSaved(etag);
        return true;
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        // The Tables client answers a delete of a missing row with its 404 response rather than an exception.
        try
        {
            return (await Table.DeleteEntityAsync(tables.PageId, id, ETag.All, cancellationToken)).Status != 404;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<Subscriber>> ListAsync(string? afterId, int limit, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        return await QueryAsync(After(afterId), limit, cancellationToken);
    }

    public async Task<IReadOnlyList<SubscriberChoice>> ListChoicesAsync(string? afterId, int limit, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        return await ChoicesAsync(After(afterId), limit, ["RowKey", "Status", "ComponentIds", "WebhookUrl"], cancellationToken);
    }

    public async Task<IReadOnlyList<SubscriberChoice>> ListRangeAsync(string firstId, string lastId, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tables.PageId} and RowKey ge {firstId} and RowKey le {lastId}");
        return await ChoicesAsync(filter, int.MaxValue, ["RowKey", "Email", "Status", "ComponentIds", "WebhookUrl"], cancellationToken);
    }

    public async Task<IReadOnlyDictionary<SubscriberStatus, int>> CountAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var counts = Enum.GetValues<SubscriberStatus>().ToDictionary(s => s, _ => 0);
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {tables.PageId}"), 1000, ["Status"], cancellationToken))
        {
            if (WireName.TryParse<SubscriberStatus>(row.GetString("Status"), out var status))
            {
                counts[status]++;
            }
        }

        return counts;
    }

    /// <summary>The page's subscribers with ids after <paramref name="afterId"/> (all of them when null).</summary>
    private string After(string? afterId)
        => afterId is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {tables.PageId}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {tables.PageId} and RowKey gt {afterId}");

    /// <summary>Only the columns asked for: the fan-out and the send read 100,000 rows, and most of a row is not needed.</summary>
    private async Task<IReadOnlyList<SubscriberChoice>> ChoicesAsync(string filter, int limit, IEnumerable<string> columns, CancellationToken cancellationToken)
    {
        var found = new List<SubscriberChoice>(Math.Min(limit, 1000));
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, Math.Min(limit, 1000), columns, cancellationToken))
        {
            found.Add(new SubscriberChoice(
                row.RowKey,
                row.GetString("Email"),
                string.IsNullOrEmpty(row.GetString("WebhookUrl")),
                WireName.Parse<SubscriberStatus>(row.GetString("Status")),
                (row.GetString("ComponentIds") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries)));
            if (found.Count == limit)
            {
                break;
            }
        }

        return found;
    }

    private async Task<IReadOnlyList<Subscriber>> QueryAsync(string filter, int limit, CancellationToken cancellationToken)
    {
        var found = new List<Subscriber>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, Math.Min(limit, 1000), cancellationToken: cancellationToken))
        {
            found.Add(FromEntity(row));
            if (found.Count == limit)
            {
                break;
            }
        }

        return found;
    }

    private TableEntity ToEntity(Subscriber subscriber) => ToEntity(tables.PageId, subscriber);

    /// <summary>A subscriber's row (public for bulk loads, such as the benchmark's 100 to a transaction).</summary>
    public static TableEntity ToEntity(string pageId, Subscriber subscriber)
        => new(pageId, subscriber.Id)
        {
            ["Email"] = subscriber.Email,
            ["WebhookUrl"] = subscriber.WebhookUrl?.AbsoluteUri,
            ["WebhookSecret"] = subscriber.WebhookSecret,
            ["Status"] = WireName.Of(subscriber.Status),
            ["ComponentIds"] = string.Join(',', subscriber.ComponentIds),
            ["CreatedAt"] = subscriber.CreatedAt,
            ["UpdatedAt"] = subscriber.UpdatedAt,
            ["ConfirmedAt"] = subscriber.ConfirmedAt,
            ["StoppedReason"] = subscriber.StoppedReason,
        };

    private static Subscriber FromEntity(TableEntity row)
        => Subscriber.Restore(new SubscriberSnapshot(
            row.RowKey,
            row.GetString("Email"),
            row.GetString("WebhookUrl") is { Length: > 0 } url ? new Uri(url) : null,
            row.GetString("WebhookSecret"),
            WireName.Parse<SubscriberStatus>(row.GetString("Status")),
            (row.GetString("ComponentIds") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
            row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            row.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
            row.GetDateTimeOffset("ConfirmedAt"),
            row.GetString("StoppedReason"),
            row.ETag.ToString()));
}
