using Azure.Data.Tables;

namespace StatusComms.Infrastructure.Tables;

/// <summary>
/// One change of an aggregate that has a header row and append-only child rows (an incident or a maintenance):
/// the header, the new children, whether it enters or leaves its "open" index, and the rows upserted with it.
/// </summary>
/// <param name="ExpectedVersion">The header ETag the writer read; null when the aggregate is new.</param>
/// <param name="Deletes">Rows removed with the change (they must exist: a missing row fails the transaction).</param>
internal sealed record AggregateWrite(
    TableEntity Header,
    string? ExpectedVersion,
    IEnumerable<TableEntity> NewChildren,
    string OpenIndexKey,
    bool WasOpen,
    bool IsOpen,
    IReadOnlyList<TableEntity> Upserts,
    IReadOnlyList<TableEntity>? Deletes = null);
