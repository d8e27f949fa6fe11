using Azure;
using Azure.Data.Tables;
using StatusComms.Incidents;

namespace StatusComms.Infrastructure.Tables;

/// <summary>
/// Incidents as a header row "inc|{id}" with update rows "inc|{id}|u|{seq}", plus the index rows that keep the hot
/// reads independent of history: "inc-open|{id}" while open, "inc-recent|{inverted time}|{id}" for history, and a
/// "pending|inc|{id}" mark for the publisher. All written in one transaction per change.
/// </summary>
public sealed class TableIncidentStore(StatusTable table) : IIncidentStore
{
    private const string Stale = "Someone else changed this incident since you read it. Reload it and post your update again.";

    public async Task<Incident?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var rows = await table.HeaderAndChildrenAsync(RowKeys.Incident(id), RowKeys.IncidentUpdates(id), cancellationToken);
        var header = rows.FirstOrDefault(r => r.RowKey == RowKeys.Incident(id));
        if (header is null)
        {
            return null;
        }

        var updates = rows.Where(r => r != header).Select(r => EntityMapping.ToIncidentUpdate(id, r));
        return Incident.Rehydrate(EntityMapping.ToIncidentSnapshot(header), updates, header.ETag.ToString());
    }

    public async Task<IReadOnlyList<Incident>> ListOpenAsync(CancellationToken cancellationToken)
    {
        var open = await table.RangeAsync(RowKeys.OpenIncidents, cancellationToken);
        var incidents = await Task.WhenAll(open.Select(r => GetAsync(RowKeys.IdAfter(r.RowKey, RowKeys.OpenIncidents), cancellationToken)));
        return incidents.OfType<Incident>().ToArray();
    }

    public async Task<IReadOnlyList<IncidentSummary>> ListRecentAsync(int skip, int take, CancellationToken cancellationToken)
        => (await table.RangeAsync(RowKeys.RecentIncidents, cancellationToken, skip + take)).Skip(skip).Select(EntityMapping.ToSummary).ToArray();

    public async Task AddAsync(Incident incident, CancellationToken cancellationToken)
    {
        var headerKey = RowKeys.Incident(incident.Id);
        var responses = await table.CommitAsync(
            () => Actions(incident, TableTransactionActionType.Add, ETag.All, wasOpen: false),
            async () => await table.GetAsync(headerKey, cancellationToken) is not null,
            "An incident with this id exists already.",
            cancellationToken);
        incident.MarkSaved(await table.ETagOfAsync(responses, 0, headerKey, cancellationToken));
    }

    public async Task SaveAsync(Incident incident, string expectedVersion, CancellationToken cancellationToken)
    {
        var headerKey = RowKeys.Incident(incident.Id);
        var saved = incident.Updates.Count - incident.UnsavedUpdates.Count;

        // Every update records the stage the incident was in, so the last stored one says whether it was open.
        var wasOpen = saved > 0 && incident.Updates[saved - 1].Status is IncidentStatus.Investigating or IncidentStatus.Identified or IncidentStatus.Monitoring;
        var responses = await table.CommitAsync(
            () => Actions(incident, TableTransactionActionType.UpdateReplace, new ETag(expectedVersion), wasOpen),
            async () => (await table.GetAsync(headerKey, cancellationToken))?.ETag.ToString() != expectedVersion,
            Stale,
            cancellationToken);
        incident.MarkSaved(await table.ETagOfAsync(responses, 0, headerKey, cancellationToken));
    }

    private List<TableTransactionAction> Actions(Incident incident, TableTransactionActionType headerAction, ETag expected, bool wasOpen)
    {
        var partition = table.PartitionKey;
        var snapshot = incident.ToSnapshot();
        var actions = new List<TableTransactionAction> { new(headerAction, EntityMapping.ToHeader(partition, snapshot), expected) };
        actions.AddRange(incident.UnsavedUpdates.Select(u => new TableTransactionAction(TableTransactionActionType.Add, EntityMapping.ToEntity(partition, u))));
        var openRow = new TableEntity(partition, RowKeys.OpenIncident(incident.Id));
        if (incident.IsOpen && !wasOpen)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, openRow));
        }
        else if (!incident.IsOpen && wasOpen)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, openRow, ETag.All));
        }

        actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, EntityMapping.ToSummary(partition, snapshot)));
        actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition, RowKeys.PendingIncidentPage(incident.Id))));
        return actions;
    }
}
