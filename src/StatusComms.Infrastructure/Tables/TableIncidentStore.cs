using StatusComms.Incidents;
using StatusComms.Notifications;
using StatusComms.Publishing;

namespace StatusComms.Infrastructure.Tables;

/// <summary>
/// Incidents as a header row "inc|{id}" with update rows "inc|{id}|u|{seq}", plus the index rows that keep the hot
/// reads independent of history: "inc-open|{id}" while open, "inc-recent|{inverted time}|{id}" for history, and a
/// "pending|inc|{id}" mark for the publisher. All written in one transaction per change.
/// </summary>
public sealed class TableIncidentStore(StatusTable table) : IIncidentStore
{
    private const string Stale = "Someone else changed this incident since you read it. Reload it and post your update again.";

    /// <summary>Set on the header of a deleted incident (with <see cref="DeletedByProperty"/>): the record stays, unserved.</summary>
    public const string DeletedAtProperty = "DeletedAt";

    public const string DeletedByProperty = "DeletedBy";

    public async Task<Incident?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var (header, updates) = await table.ReadAggregateAsync(RowKeys.Incident(id), RowKeys.IncidentUpdates(id), cancellationToken);
        return header is null || header.ContainsKey(DeletedAtProperty)
            ? null
            : Incident.Rehydrate(EntityMapping.ToIncidentSnapshot(header), updates.Select(r => EntityMapping.ToIncidentUpdate(id, r)), header.ETag.ToString());
    }

    public async Task<IndexedIncident?> GetIndexedAsync(string id, CancellationToken cancellationToken)
    {
        if (await GetAsync(id, cancellationToken) is not { } incident
            || await table.GetAsync(RowKeys.RecentIncident(incident.CreatedAt, incident.Id), cancellationToken) is not { } row)
        {
            return null;
        }

        var digest = EntityMapping.ToDigest(row) ?? IncidentDigest.Of(incident);
        return new IndexedIncident(incident, digest, EntityMapping.ToSummary(row));
    }

    public async Task<IReadOnlyList<Incident>> ListOpenAsync(CancellationToken cancellationToken)
    {
        var open = await table.RangeAsync(RowKeys.OpenIncidents, cancellationToken);
        var incidents = await Task.WhenAll(open.Select(r => GetAsync(RowKeys.IdAfter(r.RowKey, RowKeys.OpenIncidents), cancellationToken)));
        return incidents.OfType<Incident>().ToArray();
    }

    public async Task<IReadOnlyList<IncidentSummary>> ListRecentAsync(int skip, int take, CancellationToken cancellationToken)
        => (await table.RangeAsync(RowKeys.RecentIncidents, cancellationToken, skip + take)).Skip(skip).Select(EntityMapping.ToSummary).ToArray();

    public async Task<IReadOnlyList<Incident>> ListRecentIncidentsAsync(int skip, int take, CancellationToken cancellationToken)
    {
        // Rows that hold only a digest (an incident too large for its index row, or written before records were kept) are read the long way.
        var rows = (await table.RangeAsync(RowKeys.RecentIncidents, cancellationToken, skip + take)).Skip(skip);
        var incidents = await Task.WhenAll(rows.Select(async row => EntityMapping.ToListedIncident(row) ?? await GetAsync(row.GetString("Id"), cancellationToken)));
        return incidents.OfType<Incident>().ToArray();
    }

    public async Task<IReadOnlyList<IncidentDigest>> ListRecentDigestsAsync(int take, CancellationToken cancellationToken)
        => await DigestsAsync(await table.RangeAsync(RowKeys.RecentIncidents, cancellationToken, take), cancellationToken);

    public async Task<IReadOnlyList<IncidentSummary>> ListCreatedBetweenAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
        => (await table.BetweenAsync(RowKeys.RecentIncidentsBefore(until), RowKeys.RecentIncidentsBefore(from), cancellationToken)).Select(EntityMapping.ToSummary).ToArray();

    public async Task<IncidentSummary?> LatestCreatedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
        => (await table.BetweenAsync(RowKeys.RecentIncidentsBefore(before), RowKeys.RecentIncidents + RowKeys.RangeEnd, cancellationToken, take: 1)).Select(EntityMapping.ToSummary).FirstOrDefault();

    public Task AddAsync(Incident incident, CancellationToken cancellationToken) => WriteAsync(incident, null, cancellationToken);

    public Task SaveAsync(Incident incident, string expectedVersion, CancellationToken cancellationToken) => WriteAsync(incident, expectedVersion, cancellationToken);

    public async Task DeleteAsync(Incident incident, string expectedVersion, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var partition = table.PartitionKey;
        var header = EntityMapping.ToHeader(partition, incident.ToSnapshot());
        header[DeletedAtProperty] = at;
        header[DeletedByProperty] = by;
        var write = new AggregateWrite(
            header,
            expectedVersion,
            [],
            RowKeys.OpenIncident(incident.Id),
            WasOpen: incident.IsOpen,
            IsOpen: false,
            [new(partition, RowKeys.PendingIncidentPage(incident.Id))],
            Deletes: [new(partition, RowKeys.RecentIncident(incident.CreatedAt, incident.Id))]);
        await table.CommitAggregateAsync(write, PageChangeKind.Incident, incident.Id, Stale, cancellationToken);
    }

    private async Task<IReadOnlyList<IncidentDigest>> DigestsAsync(List<Azure.Data.Tables.TableEntity> rows, CancellationToken cancellationToken)
    {
        // Rows written before digests were stored are read the long way once; their next change stores a digest.
        var digests = await Task.WhenAll(rows.Select(async row => EntityMapping.ToDigest(row)
            ?? (await GetAsync(row.GetString("Id"), cancellationToken) is { } incident ? IncidentDigest.Of(incident) : null)));
        return digests.OfType<IncidentDigest>().ToArray();
    }

    private async Task WriteAsync(Incident incident, string? expectedVersion, CancellationToken cancellationToken)
    {
        var partition = table.PartitionKey;
        var snapshot = incident.ToSnapshot();

        // Every update records the stage the incident was in, so the last stored one says whether it was open.
        var saved = incident.Updates.Count - incident.UnsavedUpdates.Count;
        var wasOpen = saved > 0 && incident.Updates[saved - 1].Status is IncidentStatus.Investigating or IncidentStatus.Identified or IncidentStatus.Monitoring;
        var write = new AggregateWrite(
            EntityMapping.ToHeader(partition, snapshot),
            expectedVersion,
            incident.UnsavedUpdates.Select(u => EntityMapping.ToEntity(partition, u)),
            RowKeys.OpenIncident(incident.Id),
            wasOpen,
            incident.IsOpen,
            [
                EntityMapping.ToRecent(partition, incident),
                new(partition, RowKeys.PendingIncidentPage(incident.Id)),

                // An edited update is written over its row; it goes to no outbox, so nobody is mailed again.
                .. incident.EditedUpdates.Select(u => EntityMapping.ToEntity(partition, u)),
                .. incident.UnsavedUpdates.Where(u => u.DeliverNotifications).Select(u => TableNotificationOutbox.Entry(partition, new NotificationRef(NotificationKind.Incident, incident.Id, u.Id), u.CreatedAt)),
            ]);
        incident.MarkSaved(await table.CommitAggregateAsync(write, PageChangeKind.Incident, incident.Id, Stale, cancellationToken));
    }
}
