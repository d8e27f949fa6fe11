using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using StatusComms.Uptime;

namespace StatusComms.Infrastructure.Tables;

/// <summary>
/// Uptime roll-ups in the page's partition: "uptime|state" (where accounting has got to) and one
/// "uptime|day|yyyy-MM-dd" row per UTC day, each a JSON document. The state row's ETag makes two publishers
/// accounting the same interval impossible: the state and the days it changed are written in one transaction.
/// </summary>
public sealed class TableUptimeStore(StatusTable table) : IUptimeStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<UptimeSnapshot> ReadAsync(DateOnly from, CancellationToken cancellationToken)
    {
        var stateTask = table.GetAsync(RowKeys.UptimeState, cancellationToken);
        var daysTask = table.BetweenAsync(RowKeys.UptimeDay(from), RowKeys.UptimeDays + RowKeys.RangeEnd, cancellationToken);
        await Task.WhenAll(stateTask, daysTask);
        var stateRow = stateTask.Result;
        var days = daysTask.Result
            .Select(row => JsonSerializer.Deserialize<UptimeDay>(row.GetString("Day"), Json)!)
            .ToDictionary(d => d.Date);
        return new UptimeSnapshot(
            stateRow is null ? null : JsonSerializer.Deserialize<UptimeState>(stateRow.GetString("State"), Json),
            stateRow?.ETag.ToString(),
            days);
    }

    public async Task<string?> TrySaveAsync(UptimeState state, string? expectedVersion, IReadOnlyList<UptimeDay> days, CancellationToken cancellationToken)
    {
        var partition = table.PartitionKey;
        var stateRow = new TableEntity(partition, RowKeys.UptimeState) { ["State"] = JsonSerializer.Serialize(state, Json) };
        var actions = new List<TableTransactionAction>
        {
            expectedVersion is null
                ? new(TableTransactionActionType.Add, stateRow)
                : new(TableTransactionActionType.UpdateReplace, stateRow, new ETag(expectedVersion)),
        };

        // At most 90 days (the view) plus the state: inside Azure's 100 operations.
        actions.AddRange(days.TakeLast(UptimeAccounting.Days).Select(day => new TableTransactionAction(
            TableTransactionActionType.UpsertReplace,
            new TableEntity(partition, RowKeys.UptimeDay(day.Date))
            {
                ["Day"] = JsonSerializer.Serialize(day, Json),
                ["Date"] = day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            })));
        var responses = await table.TrySubmitWithResponsesAsync(actions, cancellationToken);
        return responses is null ? null : await table.ETagOfAsync(responses, 0, RowKeys.UptimeState, cancellationToken);
    }
}
