using Azure.Data.Tables;

namespace StatusComms.Infrastructure.Tables;

/// <summary>
/// Azure's rules for an entity-group transaction, checked before sending: one partition, at most 100 operations,
/// each entity at most once (https://learn.microsoft.com/rest/api/storageservices/performing-entity-group-transactions).
/// Azurite accepts batches that Azure refuses, so our own code must not rely on the emulator to catch them.
/// </summary>
public static class TransactionRules
{
    public const int MaxOperations = 100;

    public static void Validate(IReadOnlyCollection<TableTransactionAction> actions)
    {
        if (actions.Count == 0)
        {
            throw new InvalidOperationException("A table transaction needs at least one operation.");
        }

        if (actions.Count > MaxOperations)
        {
            throw new InvalidOperationException($"A table transaction has at most {MaxOperations} operations; this one has {actions.Count}.");
        }

        var partitions = actions.Select(a => a.Entity.PartitionKey).Distinct(StringComparer.Ordinal).ToArray();
        if (partitions.Length != 1)
        {
            throw new InvalidOperationException($"A table transaction stays in one partition; this one spans {string.Join(", ", partitions)}.");
        }

        var repeated = actions.GroupBy(a => a.Entity.RowKey, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new InvalidOperationException($"A table transaction touches each entity once; row '{repeated.Key}' appears {repeated.Count()} times.");
        }
    }
}
