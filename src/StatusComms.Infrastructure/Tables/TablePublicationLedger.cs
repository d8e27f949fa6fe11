using Azure;
using StatusComms.Publishing;

namespace StatusComms.Infrastructure.Tables;

/// <summary>The page version row and the "pending|" marks that changes leave for the publisher.</summary>
public sealed class TablePublicationLedger(StatusTable table) : IPublicationLedger
{
    public Task<long> GetPageVersionAsync(CancellationToken cancellationToken) => table.GetVersionAsync(cancellationToken);

    public async Task<PageVersion> GetPageStateAsync(CancellationToken cancellationToken)
    {
        var row = await table.GetAsync(RowKeys.Page, cancellationToken);
        return new PageVersion(row?.GetInt64("Version") ?? 0, PageVersion.Decode(row?.GetString(StatusTable.ChangesProperty)));
    }

    public async Task<IReadOnlyList<PendingPage>> ListPendingAsync(CancellationToken cancellationToken)
        => (await table.RangeAsync(RowKeys.PendingPages, cancellationToken))
            .Where(r => r.RowKey.StartsWith(RowKeys.PendingIncidentPage(string.Empty), StringComparison.Ordinal))
            .Select(r => new PendingPage(PendingPageKind.Incident, RowKeys.IdAfter(r.RowKey, RowKeys.PendingIncidentPage(string.Empty)), r.ETag.ToString()))
            .ToArray();

    public async Task ClearAsync(PendingPage page, CancellationToken cancellationToken)
    {
        try
        {
            await table.Client.DeleteEntityAsync(table.PartitionKey, RowKeys.PendingIncidentPage(page.Id), new ETag(page.Token), cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            // Gone already, or marked again by a newer change since it was listed: that mark stays for the next publish.
        }
    }
}
