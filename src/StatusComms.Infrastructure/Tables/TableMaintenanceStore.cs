using Azure;
using Azure.Data.Tables;
using StatusComms.Maintenance;

namespace StatusComms.Infrastructure.Tables;

/// <summary>Scheduled maintenances, stored like incidents: header, update rows, an open index and a recent index.</summary>
public sealed class TableMaintenanceStore(StatusTable table) : IMaintenanceStore
{
    private const string Stale = "Someone else changed this maintenance since you read it. Reload it and post your update again.";

    public async Task<ScheduledMaintenance?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var rows = await table.HeaderAndChildrenAsync(RowKeys.Maintenance(id), RowKeys.MaintenanceUpdates(id), cancellationToken);
        var header = rows.FirstOrDefault(r => r.RowKey == RowKeys.Maintenance(id));
        return header is null
            ? null
            : ScheduledMaintenance.Rehydrate(
                EntityMapping.ToMaintenanceSnapshot(header),
                rows.Where(r => r != header).Select(r => EntityMapping.ToMaintenanceUpdate(id, r)),
                header.ETag.ToString());
    }

    public async Task<IReadOnlyList<ScheduledMaintenance>> ListOpenAsync(CancellationToken cancellationToken)
        => await LoadAsync(await table.RangeAsync(RowKeys.OpenMaintenances, cancellationToken), r => RowKeys.IdAfter(r.RowKey, RowKeys.OpenMaintenances), cancellationToken);

    public async Task<IReadOnlyList<ScheduledMaintenance>> ListRecentAsync(int take, CancellationToken cancellationToken)
        => await LoadAsync(await table.RangeAsync(RowKeys.RecentMaintenances, cancellationToken, take), r => r.RowKey[(r.RowKey.LastIndexOf('|') + 1)..], cancellationToken);

    public async Task AddAsync(ScheduledMaintenance maintenance, CancellationToken cancellationToken)
    {
        var headerKey = RowKeys.Maintenance(maintenance.Id);
        var responses = await table.CommitAsync(
            () => Actions(maintenance, TableTransactionActionType.Add, ETag.All, wasOpen: false),
            async () => await table.GetAsync(headerKey, cancellationToken) is not null,
            "A maintenance with this id exists already.",
            cancellationToken);
        maintenance.MarkSaved(await table.ETagOfAsync(responses, 0, headerKey, cancellationToken));
    }

    public async Task SaveAsync(ScheduledMaintenance maintenance, string expectedVersion, CancellationToken cancellationToken)
    {
        var headerKey = RowKeys.Maintenance(maintenance.Id);
        var saved = maintenance.Updates.Count - maintenance.UnsavedUpdates.Count;
        var wasOpen = saved > 0 && maintenance.Updates[saved - 1].Status != MaintenanceStatus.Completed;
        var responses = await table.CommitAsync(
            () => Actions(maintenance, TableTransactionActionType.UpdateReplace, new ETag(expectedVersion), wasOpen),
            async () => (await table.GetAsync(headerKey, cancellationToken))?.ETag.ToString() != expectedVersion,
            Stale,
            cancellationToken);
        maintenance.MarkSaved(await table.ETagOfAsync(responses, 0, headerKey, cancellationToken));
    }

    private async Task<IReadOnlyList<ScheduledMaintenance>> LoadAsync(List<TableEntity> index, Func<TableEntity, string> idOf, CancellationToken cancellationToken)
        => (await Task.WhenAll(index.Select(r => GetAsync(idOf(r), cancellationToken)))).OfType<ScheduledMaintenance>().ToArray();

    private List<TableTransactionAction> Actions(ScheduledMaintenance maintenance, TableTransactionActionType headerAction, ETag expected, bool wasOpen)
    {
        var partition = table.PartitionKey;
        var snapshot = maintenance.ToSnapshot();
        var actions = new List<TableTransactionAction> { new(headerAction, EntityMapping.ToHeader(partition, snapshot), expected) };
        actions.AddRange(maintenance.UnsavedUpdates.Select(u => new TableTransactionAction(TableTransactionActionType.Add, EntityMapping.ToEntity(partition, u))));
        var open = maintenance.Status != MaintenanceStatus.Completed;
        var openRow = new TableEntity(partition, RowKeys.OpenMaintenance(maintenance.Id));
        if (open && !wasOpen)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, openRow));
        }
        else if (!open && wasOpen)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, openRow, ETag.All));
        }

        actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition, RowKeys.RecentMaintenance(maintenance.ScheduledFor, maintenance.Id))));
        return actions;
    }
}
