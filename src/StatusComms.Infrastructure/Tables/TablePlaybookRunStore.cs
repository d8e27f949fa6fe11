using System.Net;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using StatusComms.Common;
using StatusComms.Playbooks;

namespace StatusComms.Infrastructure.Tables;

/// <summary>
/// An incident's playbook run as one row "run|{incident}" in the page's partition: the playbook, the start, the people
/// by role and the ticks by step as JSON (`People`, `Ticks`), replaced with its ETag.
/// </summary>
public sealed class TablePlaybookRunStore(StatusTable table) : IPlaybookRunStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<PlaybookRun?> GetAsync(string incidentId, CancellationToken cancellationToken)
    {
        if (await table.GetAsync(Key(incidentId), cancellationToken) is not { } row)
        {
            return null;
        }

        var people = JsonSerializer.Deserialize<Dictionary<PlaybookRole, string>>(row.GetString("People") ?? "{}", Json) ?? [];
        var ticks = JsonSerializer.Deserialize<Dictionary<int, StepTick>>(row.GetString("Ticks") ?? "{}", Json) ?? [];
        return PlaybookRun.Rehydrate(incidentId, row.GetString("PlaybookId"), row.GetDateTimeOffset("StartedAt")!.Value, row.GetString("StartedBy") ?? string.Empty, people, ticks, row.ETag.ToString());
    }

    public async Task<bool> TryAddAsync(PlaybookRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (await table.TryAddAsync(Row(run), cancellationToken) is not { } version)
        {
            return false;
        }

        run.MarkSaved(version);
        return true;
    }

    public async Task SaveAsync(PlaybookRun run, string expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        run.MarkSaved(await table.ReplaceAsync(Row(run), expectedVersion, "Someone else changed this checklist since you read it. Reload it and make your change again.", cancellationToken));
    }

    private TableEntity Row(PlaybookRun run)
        => new(table.PartitionKey, Key(run.IncidentId))
        {
            ["PlaybookId"] = run.PlaybookId,
            ["StartedAt"] = run.StartedAt,
            ["StartedBy"] = run.StartedBy,
            ["People"] = JsonSerializer.Serialize(run.People, Json),
            ["Ticks"] = JsonSerializer.Serialize(run.Ticks, Json),
        };

    private static string Key(string incidentId) => $"run|{incidentId}";
}
