using Azure;
using Azure.Data.Tables;
using StatusComms.Promises;

namespace StatusComms.Infrastructure.Tables;

/// <summary>
/// Nudges as rows "nudge|{incident}|{update}|{stage}" in the page's partition. A claim is an insert, which Azure
/// refuses (409) when the row exists, so exactly one instance claims each nudge.
/// </summary>
public sealed class TableNudgeLedger(StatusTable table) : INudgeLedger
{
    public async Task<bool> TryClaimAsync(string key, DateTimeOffset at, CancellationToken cancellationToken)
        => await table.TryAddAsync(new TableEntity(table.PartitionKey, RowKeys.Nudge(key)) { ["ClaimedAt"] = at }, cancellationToken) is not null;

    public async Task ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        await table.EnsureCreatedAsync();
        await table.Client.DeleteEntityAsync(table.PartitionKey, RowKeys.Nudge(key), ETag.All, cancellationToken);
    }
}
