using Azure;
using Azure.Data.Tables;
using StatusComms.Notifications;

namespace StatusComms.Infrastructure.Tables;

/// <summary>The "notify|" rows the incident and maintenance stores write in the same transaction as each update.</summary>
public sealed class TableNotificationOutbox(StatusTable table) : INotificationOutbox
{
    internal static TableEntity Entry(string partition, NotificationRef notification, DateTimeOffset createdAt)
        => new(partition, RowKeys.Outbox(notification.Key)) { ["CreatedAt"] = createdAt };

    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(CancellationToken cancellationToken)
        => (await table.RangeAsync(RowKeys.OutboxEntries, cancellationToken))
            .Select(r => (Row: r, Ref: NotificationRef.TryParse(r.RowKey[RowKeys.OutboxEntries.Length..])))
            .Where(x => x.Ref is not null)
            .Select(x => new OutboxEntry(x.Ref!, x.Row.GetDateTimeOffset("CreatedAt") ?? x.Row.Timestamp ?? DateTimeOffset.MinValue, x.Row.ETag.ToString()))
            .ToArray();

    public async Task ClearAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await table.Client.DeleteEntityAsync(table.PartitionKey, RowKeys.Outbox(entry.Notification.Key), new ETag(entry.Token), cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            // Cleared by another dispatcher already.
        }
    }
}
