using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using StatusComms.Common;
using StatusComms.Postmortems;

namespace StatusComms.Infrastructure.Tables;

/// <summary>
/// Postmortems in the page's partition: the document under "pm|{incident}" (replaced with its ETag) and each
/// revision under "pm|{incident}|r|{number}" (added, never changed), written in one transaction. Documents are JSON
/// split over string properties (Azure caps one at 64 KiB).
/// </summary>
public sealed class TablePostmortemStore(StatusTable table) : IPostmortemStore
{
    private const int ChunkChars = 30_000;
    private const string Stale = "Someone else changed this postmortem since you read it. Reload it and make your change again.";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Postmortem?> GetAsync(string incidentId, CancellationToken cancellationToken)
    {
        var rows = await table.HeaderAndChildrenAsync(Key(incidentId), Key(incidentId) + "|r|", cancellationToken);
        var header = rows.FirstOrDefault(r => r.RowKey == Key(incidentId));
        if (header is null)
        {
            return null;
        }

        var snapshot = new PostmortemSnapshot(
            incidentId,
            WireName.Parse<PostmortemStatus>(header.GetString("Status")),
            Read<PostmortemContent>(header),
            header.GetDateTimeOffset("CreatedAt")!.Value,
            header.GetDateTimeOffset("UpdatedAt")!.Value,
            header.GetDateTimeOffset("PublishedAt"),
            header.GetInt32("PublishedRevision"));
        var revisions = rows.Where(r => r != header).Select(r => new PostmortemRevision(
            r.GetInt32("Number") ?? 0,
            r.GetString("By") ?? string.Empty,
            r.GetDateTimeOffset("At")!.Value,
            r.GetString("Change") ?? string.Empty,
            Read<PostmortemContent>(r),
            WireName.Parse<PostmortemStatus>(r.GetString("Status"))));
        return Postmortem.Rehydrate(snapshot, revisions, header.ETag.ToString());
    }

    public Task AddAsync(Postmortem postmortem, CancellationToken cancellationToken) => WriteAsync(postmortem, null, cancellationToken);

    public Task SaveAsync(Postmortem postmortem, string expectedVersion, CancellationToken cancellationToken) => WriteAsync(postmortem, expectedVersion, cancellationToken);

    private async Task WriteAsync(Postmortem postmortem, string? expectedVersion, CancellationToken cancellationToken)
    {
        var s = postmortem.ToSnapshot();
        var header = Write(new TableEntity(table.PartitionKey, Key(s.IncidentId))
        {
            ["Status"] = WireName.Of(s.Status),
            ["CreatedAt"] = s.CreatedAt,
            ["UpdatedAt"] = s.UpdatedAt,
            ["PublishedAt"] = s.PublishedAt,
            ["PublishedRevision"] = s.PublishedRevision,
        }, s.Content);
        var actions = new List<TableTransactionAction>
        {
            expectedVersion is null ? new(TableTransactionActionType.Add, header) : new(TableTransactionActionType.UpdateReplace, header, new ETag(expectedVersion)),
        };
        actions.AddRange(postmortem.UnsavedRevisions.Select(r => new TableTransactionAction(TableTransactionActionType.Add, Write(new TableEntity(table.PartitionKey, $"{Key(s.IncidentId)}|r|{r.Number:D5}")
        {
            ["Number"] = r.Number,
            ["By"] = r.By,
            ["At"] = r.At,
            ["Change"] = r.Change,
            ["Status"] = WireName.Of(r.Status),
        }, r.Content))));
        if (!await table.TrySubmitAsync(actions, cancellationToken))
        {
            throw new ConcurrencyConflictException(expectedVersion is null ? "This incident has a postmortem already." : Stale);
        }

        var stored = await table.GetAsync(Key(s.IncidentId), cancellationToken);
        postmortem.MarkSaved(stored!.ETag.ToString());
    }

    private static string Key(string incidentId) => $"pm|{incidentId}";

    private static TableEntity Write<T>(TableEntity row, T document)
    {
        var json = JsonSerializer.Serialize(document, Json);
        var chunks = 0;
        for (var start = 0; start < json.Length; start += ChunkChars, chunks++)
        {
            row[$"Doc{chunks}"] = json.Substring(start, Math.Min(ChunkChars, json.Length - start));
        }

        row["DocChunks"] = chunks;
        return row;
    }

    private static T Read<T>(TableEntity row)
        => JsonSerializer.Deserialize<T>(string.Concat(Enumerable.Range(0, row.GetInt32("DocChunks") ?? 0).Select(i => row.GetString($"Doc{i}"))), Json)!;
}
