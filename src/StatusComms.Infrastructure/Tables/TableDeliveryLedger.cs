using Azure.Data.Tables;
using StatusComms.Common;
using StatusComms.Notifications;

namespace StatusComms.Infrastructure.Tables;

/// <summary>
/// The delivery ledger in the deliveries table. Per update, one partition ("{page}|{key}"): "plan" (the fan-out
/// finished), "batch|b00000"… (who is in each batch) and "send|b00000"… / "send|w{subscriber}" (each send's record).
/// Problems are indexed under "{page}|problems", provider event ids under "{page}|events".
/// </summary>
public sealed class TableDeliveryLedger(NotificationTables tables) : IDeliveryLedger
{
    private TableClient Table => tables.Deliveries;

    public async Task<DeliveryPlan> ReadPlanAsync(string key, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var partition = Partition(key);
        var batches = new List<DeliveryBatch>();
        var complete = false;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and ((RowKey ge {"batch|"} and RowKey lt {"batch|~"}) or RowKey eq {"plan"})");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey == "plan")
            {
                complete = true;
            }
            else
            {
                batches.Add(ToBatch(row));
            }
        }

        return new DeliveryPlan(batches.OrderBy(b => b.Index).ToArray(), complete);
    }

    public async Task<DeliveryBatch> AddBatchAsync(string key, DeliveryBatch batch, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var entity = new TableEntity(Partition(key), "batch|" + batch.Target)
        {
            ["Index"] = batch.Index,
            ["EmailIds"] = string.Join(',', batch.EmailSubscriberIds),
            ["WebhookIds"] = string.Join(',', batch.WebhookSubscriberIds),
            ["LastScannedId"] = batch.LastScannedId,
        };
        if (await NotificationTables.TryAddAsync(Table, entity, cancellationToken) is not null)
        {
            return batch;
        }

        return await GetBatchAsync(key, batch.Index, cancellationToken) ?? throw new InvalidOperationException($"Batch {batch.Index} of {key} exists and cannot be read.");
    }

    public async Task CompletePlanAsync(string key, int batches, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        await Table.UpsertEntityAsync(new TableEntity(Partition(key), "plan") { ["Batches"] = batches }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<DeliveryBatch?> GetBatchAsync(string key, int index, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var row = await NotificationTables.GetOrNullAsync(Table, Partition(key), "batch|" + new DeliveryBatch(index, [], [], null).Target, cancellationToken);
        return row is null ? null : ToBatch(row);
    }

    public async Task<DeliveryRecord?> GetRecordAsync(string key, string target, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var row = await NotificationTables.GetOrNullAsync(Table, Partition(key), "send|" + target, cancellationToken);
        return row is null ? null : ToRecord(row);
    }

    public async Task<IReadOnlyList<DeliveryRecord>> ListRecordsAsync(string key, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var records = new List<DeliveryRecord>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(key)} and RowKey ge {"send|"} and RowKey lt {"send|~"}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            records.Add(ToRecord(row));
        }

        return records;
    }

    public async Task<bool> TryClaimAsync(string key, DeliveryRecord claim, DeliveryRecord? current, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var entity = ToEntity(key, claim);
        var stored = current?.Version is { } version
            ? await NotificationTables.TryReplaceAsync(Table, entity, version, cancellationToken)
            : await NotificationTables.TryAddAsync(Table, entity, cancellationToken);
        if (stored is not null && claim.State is DeliveryState.Failed or DeliveryState.Ambiguous)
        {
            await IndexProblemAsync(key, claim, cancellationToken);
        }

        return stored is not null;
    }

    public async Task RecordAsync(string key, DeliveryRecord record, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();

        // The outcome of our own claim: nobody else writes a claimed record, so it is written unconditionally.
        await Table.UpsertEntityAsync(ToEntity(key, record), TableUpdateMode.Replace, cancellationToken);
        if (record.State is DeliveryState.Failed or DeliveryState.Ambiguous)
        {
            await IndexProblemAsync(key, record, cancellationToken);
        }
        else
        {
            // Settled as sent by the provider's events, or queued again by a person: no longer a problem.
            try
            {
                await Table.DeleteEntityAsync(ProblemsPartition, $"{key}|{record.Target}", Azure.ETag.All, cancellationToken);
            }
            catch (Azure.RequestFailedException exception) when (exception.Status == 404)
            {
            }
        }
    }

    public async Task<IReadOnlyList<DeliveryProblem>> ListProblemsAsync(int limit, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var problems = new List<DeliveryProblem>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {ProblemsPartition}"), cancellationToken: cancellationToken))
        {
            problems.Add(new DeliveryProblem(row.GetString("Key"), ToRecord(row)));
        }

        return problems.OrderByDescending(p => p.Record.FinishedAt ?? p.Record.ClaimedAt).Take(limit).ToArray();
    }

    public async Task<bool> TryNoteEventAsync(string eventId, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        return await NotificationTables.TryAddAsync(Table, new TableEntity($"{tables.PageId}|events", SafeKey(eventId)), cancellationToken) is not null;
    }

    public async Task NoteEvidenceAsync(string key, string target, string attemptId, string? subscriberId, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var partition = Partition(key);
        var seen = new TableEntity(partition, $"seen|{SafeKey(target)}|{SafeKey(attemptId)}");
        if (subscriberId is null)
        {
            await Table.UpsertEntityAsync(seen, TableUpdateMode.Replace, cancellationToken);
            return;
        }

        // Both in one partition, so one transaction: the attempt was taken, and this recipient was reached by it.
        var reached = new TableEntity(partition, $"{ReachedPrefix(target)}{SafeKey(subscriberId)}") { ["AttemptId"] = attemptId };
        await Table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.UpsertReplace, seen), new TableTransactionAction(TableTransactionActionType.UpsertReplace, reached)], cancellationToken);
    }

    public async Task<bool> HasEvidenceAsync(string key, string target, string attemptId, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        return await NotificationTables.GetOrNullAsync(Table, Partition(key), $"seen|{SafeKey(target)}|{SafeKey(attemptId)}", cancellationToken) is not null;
    }

    public async Task<IReadOnlySet<string>> ListReachedAsync(string key, string target, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var prefix = ReachedPrefix(target);
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(key)} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            reached.Add(row.RowKey[prefix.Length..]);
        }

        return reached;
    }

    /// <summary>Provider events are outside input: the characters a row key may not hold are replaced.</summary>
    private static string SafeKey(string value) => new(value.Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c).ToArray());

    private static string ReachedPrefix(string target) => $"got|{SafeKey(target)}|";

    private string ProblemsPartition => $"{tables.PageId}|problems";

    private string Partition(string key) => $"{tables.PageId}|{key}";

    private async Task IndexProblemAsync(string key, DeliveryRecord record, CancellationToken cancellationToken)
    {
        var entity = ToEntity(key, record);
        entity.PartitionKey = ProblemsPartition;
        entity.RowKey = $"{key}|{record.Target}";
        entity["Key"] = key;
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    private TableEntity ToEntity(string key, DeliveryRecord record)
        => new(Partition(key), "send|" + record.Target)
        {
            ["Target"] = record.Target,
            ["State"] = WireName.Of(record.State),
            ["Attempt"] = record.Attempt,
            ["AttemptId"] = record.AttemptId,
            ["ClaimedAt"] = record.ClaimedAt,
            ["FinishedAt"] = record.FinishedAt,
            ["Recipients"] = record.Recipients,
            ["StatusCode"] = record.StatusCode,
            ["Reason"] = record.Reason is { Length: > 8000 } reason ? reason[..8000] : record.Reason,
            ["ProviderMessageId"] = record.ProviderMessageId,
        };

    private static DeliveryRecord ToRecord(TableEntity row)
        => new(
            row.GetString("Target"),
            WireName.Parse<DeliveryState>(row.GetString("State")),
            row.GetInt32("Attempt") ?? 0,
            row.GetString("AttemptId") ?? string.Empty,
            row.GetDateTimeOffset("ClaimedAt") ?? DateTimeOffset.MinValue,
            row.GetDateTimeOffset("FinishedAt"),
            row.GetInt32("Recipients") ?? 0,
            row.GetInt32("StatusCode"),
            row.GetString("Reason"),
            row.GetString("ProviderMessageId"),
            row.ETag.ToString());

    private static DeliveryBatch ToBatch(TableEntity row)
        => new(
            row.GetInt32("Index") ?? 0,
            (row.GetString("EmailIds") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
            (row.GetString("WebhookIds") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
            row.GetString("LastScannedId"));
}
