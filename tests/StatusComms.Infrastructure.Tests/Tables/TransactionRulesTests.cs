using Azure.Data.Tables;
using StatusComms.Infrastructure.Tables;

namespace StatusComms.Infrastructure.Tests.Tables;

/// <summary>Azurite accepts batches Azure refuses; our own check must refuse them before they are sent.</summary>
public sealed class TransactionRulesTests : TableStoreFixture
{
    [Fact]
    public async Task A_transaction_of_101_operations_is_refused_by_our_code_before_it_is_sent()
    {
        var actions = Enumerable.Range(0, 101).Select(i => Add("acme", $"row{i:D3}")).ToList();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Table.CommitAsync(StatusComms.Publishing.PageChangeKind.Component, null, () => actions.Take(100).ToList(), () => Task.FromResult(false), "stale", CancellationToken.None));

        Assert.Contains("at most 100", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Table.RangeAsync("row", CancellationToken.None));
    }

    [Fact]
    public async Task A_transaction_across_partitions_is_refused_by_our_code_though_Azurite_would_take_it()
    {
        List<TableTransactionAction> actions = [Add("acme", "row1"), Add("other-page", "row2")];

        Assert.Throws<InvalidOperationException>(() => TransactionRules.Validate(actions));

        // The emulator itself would have accepted it: the check has to be ours.
        await Client.CreateIfNotExistsAsync();
        var emulator = await Client.SubmitTransactionAsync(actions);
        Assert.Equal(2, emulator.Value.Count);
    }

    [Fact]
    public void The_same_row_twice_in_one_transaction_is_refused()
        => Assert.Throws<InvalidOperationException>(() => TransactionRules.Validate([Add("acme", "row1"), Add("acme", "row1")]));

    [Fact]
    public void One_hundred_operations_in_one_partition_are_allowed()
        => TransactionRules.Validate(Enumerable.Range(0, 100).Select(i => Add("acme", $"row{i:D3}")).ToList());

    private static TableTransactionAction Add(string partition, string row)
        => new(TableTransactionActionType.Add, new TableEntity(partition, row));
}
