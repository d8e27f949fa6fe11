using Azure.Data.Tables;
using StatusComms.Maintenance;
using StatusComms.Notifications;
using StatusComms.Publishing;

namespace StatusComms.Infrastructure.Tables;

/// <summary>Scheduled maintenances, stored like incidents: header, update rows, an open index and a recent index.</summary>
public sealed class TableMaintenanceStore(StatusTable table) : IMaintenanceStore
{
    private const string Stale = "Someone else changed this maintenance since you read it. Reload it and post your update again.";

    public async Task<ScheduledMaintenance?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var (header, updates) = await table.ReadAggregateAsync(RowKeys.Maintenance(id), RowKeys.MaintenanceUpdates(id), cancellationToken);
        return header is null
            ? null
            : ScheduledMaintenance.Rehydrate(EntityMapping.ToMaintenanceSnapshot(header), updates.Select(r => EntityMapping.ToMaintenanceUpdate(id, r)), header.ETag.ToString());
    }

    public async Task<IReadOnlyList<ScheduledMaintenance>> ListOpenAsync(CancellationToken cancellationToken)
        => await LoadAsync(await table.RangeAsync(RowKeys.OpenMaintenances, cancellationToken), r => RowKeys.IdAfter(r.RowKey, RowKeys.OpenMaintenances), cancellationToken);

    public async Task<IReadOnlyList<ScheduledMaintenance>> ListRecentAsync(int take, CancellationToken cancellationToken)
        => await LoadAsync(await table.RangeAsync(RowKeys.RecentMaintenances, cancellationToken, take), r => r.RowKey[(r.RowKey.LastIndexOf('|') + 1)..], cancellationToken);

    public Task AddAsync(ScheduledMaintenance maintenance, CancellationToken cancellationToken) => WriteAsync(maintenance, null, cancellationToken);

    public Task SaveAsync(ScheduledMaintenance maintenance, string expectedVersion, CancellationToken cancellationToken) => WriteAsync(maintenance, expectedVersion, cancellationToken);

    private async Task WriteAsync(ScheduledMaintenance maintenance, string? expectedVersion, CancellationToken cancellationToken)
    {
        var partition = table.PartitionKey;
        var saved = maintenance.Updates.Count - maintenance.UnsavedUpdates.Count;
        var write = new AggregateWrite(
            EntityMapping.ToHeader(partition, maintenance.ToSnapshot()),
            expectedVersion,
            maintenance.UnsavedUpdates.Select(u => EntityMapping.ToEntity(partition, u)),
            RowKeys.OpenMaintenance(maintenance.Id),
            WasOpen: saved > 0 && maintenance.Updates[saved - 1].Status != MaintenanceStatus.Completed,
            IsOpen: maintenance.Status != MaintenanceStatus.Completed,
            [
                new(partition, RowKeys.RecentMaintenance(maintenance.ScheduledFor, maintenance.Id)),
                .. maintenance.UnsavedUpdates.Where(u => u.DeliverNotifications).Select(u => TableNotificationOutbox.Entry(partition, new NotificationRef(NotificationKind.Maintenance, maintenance.Id, u.Id), u.CreatedAt)),
            ]);
        maintenance.MarkSaved(await table.CommitAggregateAsync(write, PageChangeKind.Maintenance, maintenance.Id, Stale, cancellationToken));
    }

    private async Task<IReadOnlyList<ScheduledMaintenance>> LoadAsync(List<TableEntity> index, Func<TableEntity, string> idOf, CancellationToken cancellationToken)
        => (await Task.WhenAll(index.Select(r => GetAsync(idOf(r), cancellationToken)))).OfType<ScheduledMaintenance>().ToArray();
}
