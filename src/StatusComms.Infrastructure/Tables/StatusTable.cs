using Azure;
using Azure.Data.Tables;
using StatusComms.Common;
using StatusComms.Publishing;

namespace StatusComms.Infrastructure.Tables;

/// <summary>
/// The table holding one status page in one partition (PartitionKey = page id). Every accepted change is one
/// entity-group transaction that also raises the page's version row, so the version and the data never disagree.
/// </summary>
public sealed class StatusTable
{
    // Every change of a page takes the next version, so simultaneous writers queue on that row; each retry
    // waits a random, growing while so a burst of writers (automation, an import) spreads out and gets through.
    private const int MaxAttempts = 40;
    private readonly Lazy<Task> _created;

    public StatusTable(TableClient client, string pageId)
    {
        Client = client;
        PartitionKey = pageId;
        _created = new Lazy<Task>(() => client.CreateIfNotExistsAsync(), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public TableClient Client { get; }

    public string PartitionKey { get; }

    public Task EnsureCreatedAsync() => _created.Value;

    public async Task<TableEntity?> GetAsync(string rowKey, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var response = await Client.GetEntityIfExistsAsync<TableEntity>(PartitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Adds the row unless one with its key exists (Azure refuses the insert with 409): its ETag, or null when it existed.</summary>
    public async Task<string?> TryAddAsync(TableEntity row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        await EnsureCreatedAsync();
        try
        {
            var response = await Client.AddEntityAsync(row, cancellationToken);
            return response.Headers.ETag?.ToString() ?? (await GetAsync(row.RowKey, cancellationToken))!.ETag.ToString();
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return null;
        }
    }

    /// <summary>
    /// Replaces the row if it is still at <paramref name="expectedVersion"/> (the ETag its writer read): its new ETag.
    /// A row changed or removed meanwhile is a <see cref="ConcurrencyConflictException"/> with <paramref name="conflict"/>.
    /// </summary>
    public async Task<string> ReplaceAsync(TableEntity row, string expectedVersion, string conflict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        await EnsureCreatedAsync();
        try
        {
            var response = await Client.UpdateEntityAsync(row, new ETag(expectedVersion), TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag?.ToString() ?? string.Empty;
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            throw new StatusComms.Common.ConcurrencyConflictException(conflict);
        }
    }

    /// <summary>The rows whose keys start with <paramref name="prefix"/>, in key order: one single-partition range query.</summary>
    public Task<List<TableEntity>> RangeAsync(string prefix, CancellationToken cancellationToken, int? take = null)
        => BetweenAsync(prefix, prefix + RowKeys.RangeEnd, cancellationToken, take);

    /// <summary>Rows with <paramref name="from"/> ≤ RowKey &lt; <paramref name="until"/>, in key order.</summary>
    public async Task<List<TableEntity>> BetweenAsync(string from, string until, CancellationToken cancellationToken, int? take = null)
    {
        await EnsureCreatedAsync();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey} and RowKey ge {from} and RowKey lt {until}");
        var rows = new List<TableEntity>();
        await foreach (var row in Client.QueryAsync<TableEntity>(filter, maxPerPage: take is null ? null : Math.Min(take.Value, 1000), cancellationToken: cancellationToken))
        {
            rows.Add(row);
            if (rows.Count == take)
            {
                break;
            }
        }

        return rows;
    }

    /// <summary>An aggregate's header row and its rows under "<paramref name="childPrefix"/>", in one query.</summary>
    public async Task<List<TableEntity>> HeaderAndChildrenAsync(string headerKey, string childPrefix, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var end = childPrefix + RowKeys.RangeEnd;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey} and (RowKey eq {headerKey} or (RowKey ge {childPrefix} and RowKey lt {end}))");
        var rows = new List<TableEntity>();
        await foreach (var row in Client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>An aggregate's header and children (null header when there is none), in one query.</summary>
    internal async Task<(TableEntity? Header, IEnumerable<TableEntity> Children)> ReadAggregateAsync(string headerKey, string childPrefix, CancellationToken cancellationToken)
    {
        var rows = await HeaderAndChildrenAsync(headerKey, childPrefix, cancellationToken);
        var header = rows.FirstOrDefault(r => r.RowKey == headerKey);
        return (header, rows.Where(r => r != header));
    }

    /// <summary>
    /// Commits an aggregate's change in one transaction: the header (added, or replaced only if it still has the
    /// version the writer read), the new child rows, the open-index row when it opens or closes, and the upserts.
    /// </summary>
    /// <returns>The header's new ETag: the aggregate's next version.</returns>
    internal async Task<string> CommitAggregateAsync(AggregateWrite write, PageChangeKind kind, string id, string staleMessage, CancellationToken cancellationToken)
    {
        var headerKey = write.Header.RowKey;
        var responses = await CommitAsync(
            kind,
            id,
            () =>
            {
                var actions = new List<TableTransactionAction>
                {
                    write.ExpectedVersion is null
                        ? new(TableTransactionActionType.Add, write.Header)
                        : new(TableTransactionActionType.UpdateReplace, write.Header, new ETag(write.ExpectedVersion)),
                };
                actions.AddRange(write.NewChildren.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)));
                var openRow = new TableEntity(PartitionKey, write.OpenIndexKey);
                if (write.IsOpen && !write.WasOpen)
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, openRow));
                }
                else if (!write.IsOpen && write.WasOpen)
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, openRow, ETag.All));
                }

                actions.AddRange(write.Upserts.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)));
                actions.AddRange((write.Deletes ?? []).Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)));
                return actions;
            },
            async () => (await GetAsync(headerKey, cancellationToken))?.ETag.ToString() is var stored
                && (write.ExpectedVersion is null ? stored is not null : stored != write.ExpectedVersion),
            staleMessage,
            cancellationToken);
        return await ETagOfAsync(responses, 0, headerKey, cancellationToken);
    }

    /// <summary>
    /// Submits a transaction that is not a change of what the page shows (no version bump), under Azure's batch
    /// rules. Returns false when one of its preconditions failed (another writer was first).
    /// </summary>
    public async Task<bool> TrySubmitAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
        => await TrySubmitWithResponsesAsync(actions, cancellationToken) is not null;

    /// <summary>As <see cref="TrySubmitAsync"/>, with the sub-responses in the order of <paramref name="actions"/> (null when a precondition failed).</summary>
    public async Task<IReadOnlyList<Response>?> TrySubmitWithResponsesAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        TransactionRules.Validate(actions);
        try
        {
            return (await Client.SubmitTransactionAsync(actions, cancellationToken)).Value;
        }
        catch (TableTransactionFailedException exception) when (exception.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>The version row's record of the latest changes (<see cref="PageVersion.Encode"/>).</summary>
    public const string ChangesProperty = "Changes";

    public async Task<long> GetVersionAsync(CancellationToken cancellationToken)
        => (await GetAsync(RowKeys.Page, cancellationToken))?.GetInt64("Version") ?? 0;

    /// <summary>
    /// Commits a change together with the page-version bump. When the transaction fails on a precondition,
    /// <paramref name="isStale"/> tells whether the change itself was based on a stale read (then the caller is told,
    /// never overwritten); otherwise another writer only raced for the version row, and the commit is retried.
    /// </summary>
    /// <returns>The sub-responses of the committed transaction, in the order of <paramref name="build"/>'s actions.</returns>
    /// <param name="kind">What the change touched, and <paramref name="id"/> which one: recorded on the version row (<see cref="PageVersion"/>).</param>
    public async Task<IReadOnlyList<Response>> CommitAsync(
        PageChangeKind kind,
        string? id,
        Func<List<TableTransactionAction>> build,
        Func<Task<bool>> isStale,
        string staleMessage,
        CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        for (var attempt = 1; ; attempt++)
        {
            var page = await GetOrCreatePageRowAsync(cancellationToken);
            var actions = build();
            var version = (page.GetInt64("Version") ?? 0) + 1;
            var changes = PageVersion.Decode(page.GetString(ChangesProperty)).TakeLast(PageVersion.Kept - 1).Append(new PageChange(version, kind, id));
            var bumped = new TableEntity(PartitionKey, RowKeys.Page) { ["Version"] = version, [ChangesProperty] = PageVersion.Encode(changes) };
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, bumped, page.ETag));
            TransactionRules.Validate(actions);
            try
            {
                var response = await Client.SubmitTransactionAsync(actions, cancellationToken);
                return response.Value;
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 404 or 409 or 412)
            {
                if (await isStale())
                {
                    throw new ConcurrencyConflictException(staleMessage, exception);
                }

                if (attempt == MaxAttempts)
                {
                    throw new ConcurrencyConflictException("The page is being changed by many writers at once; try again in a moment.", exception);
                }

                // Another change took the version we read; back off a little and go again with the new one.
                await Task.Delay(Random.Shared.Next(1, Math.Min(100, 5 * attempt) + 2), cancellationToken);
            }
        }
    }

    /// <summary>The ETag a committed action gave its entity; re-read if the service did not return one.</summary>
    public async Task<string> ETagOfAsync(IReadOnlyList<Response> responses, int index, string rowKey, CancellationToken cancellationToken)
    {
        var etag = responses.Count > index ? responses[index].Headers.ETag : null;
        if (etag is { } value && value != default)
        {
            return value.ToString();
        }

        return (await GetAsync(rowKey, cancellationToken))?.ETag.ToString()
            ?? throw new InvalidOperationException($"Row {rowKey} vanished right after it was written.");
    }

    private async Task<TableEntity> GetOrCreatePageRowAsync(CancellationToken cancellationToken)
    {
        var page = await GetAsync(RowKeys.Page, cancellationToken);
        if (page is not null)
        {
            return page;
        }

        try
        {
            await Client.AddEntityAsync(new TableEntity(PartitionKey, RowKeys.Page) { ["Version"] = 0L }, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            // Another writer created it first: fine, read theirs.
        }

        return await GetAsync(RowKeys.Page, cancellationToken) ?? throw new InvalidOperationException("The page row could not be created.");
    }
}
