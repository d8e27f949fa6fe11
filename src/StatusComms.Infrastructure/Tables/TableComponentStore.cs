using Azure;
using Azure.Data.Tables;
using StatusComms.Components;
using StatusComms.Publishing;

namespace StatusComms.Infrastructure.Tables;

/// <summary>Components as rows "cmp|{id}" of the page's partition.</summary>
public sealed class TableComponentStore(StatusTable table) : IComponentStore
{
    private const string Stale = "Someone else changed this component since you read it. Reload it and apply your change again.";

    public async Task<IReadOnlyList<Component>> ListAsync(CancellationToken cancellationToken)
        => (await table.RangeAsync(RowKeys.Components, cancellationToken)).Select(EntityMapping.ToComponent).ToArray();

    public async Task<Component?> GetAsync(string id, CancellationToken cancellationToken)
        => await table.GetAsync(RowKeys.Component(id), cancellationToken) is { } row ? EntityMapping.ToComponent(row) : null;

    /// <summary>
    /// Adds the component at a position of its own: the one asked for, or the next free one if another component
    /// took it meanwhile. The position counter row moves on in the same transaction, so creates that run at once
    /// never share a place (a lost race re-reads the counter and goes again).
    /// </summary>
    public async Task AddAsync(Component component, CancellationToken cancellationToken)
    {
        var counter = await table.GetAsync(RowKeys.ComponentPositions, cancellationToken);
        void Claim(TableEntity? row) => component.Position = Math.Max(component.Position, row?.GetInt32(NextPosition) ?? 0);
        Claim(counter);
        var rowKey = RowKeys.Component(component.Id);
        var responses = await table.CommitAsync(
            PageChangeKind.Component,
            component.Id,
            () =>
            {
                var next = new TableEntity(table.PartitionKey, RowKeys.ComponentPositions) { [NextPosition] = component.Position + 1 };
                return
                [
                    new TableTransactionAction(TableTransactionActionType.Add, EntityMapping.ToEntity(table.PartitionKey, component)),
                    counter is null
                        ? new TableTransactionAction(TableTransactionActionType.Add, next)
                        : new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, counter.ETag),
                ];
            },
            async () =>
            {
                if (await ExistsAsync(rowKey, cancellationToken))
                {
                    return true;
                }

                // Another create took the position: claim the next one and go again.
                counter = await table.GetAsync(RowKeys.ComponentPositions, cancellationToken);
                Claim(counter);
                return false;
            },
            Stale,
            cancellationToken);
        component.Version = await table.ETagOfAsync(responses, 0, rowKey, cancellationToken);
    }

    private const string NextPosition = "Next";

    public Task UpdateAsync(Component component, CancellationToken cancellationToken)
        => WriteAsync(component, TableTransactionActionType.UpdateReplace, Expected(component), cancellationToken);

    public async Task DeleteAsync(Component component, CancellationToken cancellationToken)
    {
        var rowKey = RowKeys.Component(component.Id);
        await table.CommitAsync(
            PageChangeKind.Component,
            component.Id,
            () => [new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(table.PartitionKey, rowKey), Expected(component))],
            () => IsStaleAsync(rowKey, component.Version, cancellationToken),
            Stale,
            cancellationToken);
    }

    private async Task WriteAsync(Component component, TableTransactionActionType type, ETag expected, CancellationToken cancellationToken)
    {
        var row = EntityMapping.ToEntity(table.PartitionKey, component);
        var responses = await table.CommitAsync(
            PageChangeKind.Component,
            component.Id,
            () => [new TableTransactionAction(type, row, expected)],
            () => type == TableTransactionActionType.Add ? ExistsAsync(row.RowKey, cancellationToken) : IsStaleAsync(row.RowKey, component.Version, cancellationToken),
            Stale,
            cancellationToken);
        component.Version = await table.ETagOfAsync(responses, 0, row.RowKey, cancellationToken);
    }

    private static ETag Expected(Component component)
        => new(component.Version ?? throw new InvalidOperationException($"Component {component.Id} was not read from the store."));

    private async Task<bool> IsStaleAsync(string rowKey, string? version, CancellationToken cancellationToken)
        => (await table.GetAsync(rowKey, cancellationToken))?.ETag.ToString() != version;

    private async Task<bool> ExistsAsync(string rowKey, CancellationToken cancellationToken)
        => await table.GetAsync(rowKey, cancellationToken) is not null;
}
