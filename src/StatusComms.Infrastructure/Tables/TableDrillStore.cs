using System.Net;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using StatusComms.Common;
using StatusComms.Drills;

namespace StatusComms.Infrastructure.Tables;

/// <summary>
/// Each drill as one row "drill|{id}" in the real page's partition (its history belongs to the team's page; what
/// happened during it lives under the sandbox page's own id): the script, the participants, the revealed injects
/// and the report as JSON, replaced with its ETag.
/// </summary>
public sealed class TableDrillStore(StatusTable table) : IDrillStore
{
    private const string Prefix = "drill|";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task AddAsync(Drill drill, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drill);
        var version = await table.TryAddAsync(Row(drill), cancellationToken) ?? throw new ConcurrencyConflictException("A drill with this id exists already.");
        drill.MarkSaved(version);
    }

    public async Task<Drill?> GetAsync(string id, CancellationToken cancellationToken)
        => await table.GetAsync(Prefix + id, cancellationToken) is { } row ? FromRow(row) : null;

    public async Task<IReadOnlyList<Drill>> ListAsync(CancellationToken cancellationToken)
        => (await table.RangeAsync(Prefix, cancellationToken)).Select(FromRow).OrderByDescending(d => d.StartedAt).ToArray();

    public async Task SaveAsync(Drill drill, string expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drill);
        drill.MarkSaved(await table.ReplaceAsync(Row(drill), expectedVersion, "Someone else changed this drill since you read it. Reload it and try again.", cancellationToken));
    }

    private TableEntity Row(Drill drill)
    {
        var s = drill.ToSnapshot();
        return new TableEntity(table.PartitionKey, Prefix + drill.Id)
        {
            ["Script"] = JsonSerializer.Serialize(s.Script, Json),
            ["Participants"] = JsonSerializer.Serialize(s.Participants, Json),
            ["Speed"] = s.Speed,
            ["StartedAt"] = s.StartedAt,
            ["StartedBy"] = s.StartedBy,
            ["Revealed"] = JsonSerializer.Serialize(s.Revealed, Json),
            ["EndedAt"] = s.EndedAt,
            ["EndedBy"] = s.EndedBy,
            ["Report"] = s.Report is null ? null : JsonSerializer.Serialize(s.Report, Json),
        };
    }

    private static Drill FromRow(TableEntity row)
    {
        var snapshot = new DrillSnapshot(
            row.RowKey[Prefix.Length..],
            JsonSerializer.Deserialize<DrillScript>(row.GetString("Script"), Json)!,
            JsonSerializer.Deserialize<DrillParticipant[]>(row.GetString("Participants"), Json) ?? [],
            row.GetInt32("Speed") ?? 1,
            row.GetDateTimeOffset("StartedAt")!.Value,
            row.GetString("StartedBy") ?? string.Empty,
            JsonSerializer.Deserialize<Dictionary<int, DateTimeOffset>>(row.GetString("Revealed") ?? "{}", Json) ?? [],
            row.GetDateTimeOffset("EndedAt"),
            row.GetString("EndedBy"),
            row.GetString("Report") is { } report ? JsonSerializer.Deserialize<DrillReport>(report, Json) : null);
        return Drill.Rehydrate(snapshot, row.ETag.ToString());
    }
}
