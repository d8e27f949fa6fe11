using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using StatusComms.Subscriptions;

namespace StatusComms.Infrastructure.Tables;

/// <summary>
/// Fixed-window request counters in the deliveries table, shared by every instance of the app: one row per client
/// and window, incremented with ETag checks. Client addresses are stored only as a keyless hash.
/// </summary>
public sealed class TableRateLimiter(NotificationTables tables, TimeProvider time) : IRateLimiter
{
    public async Task<TimeSpan?> TryAcquireAsync(string scope, string client, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var now = time.GetUtcNow();
        var windowIndex = now.ToUnixTimeMilliseconds() / (long)window.TotalMilliseconds;
        var partition = $"{tables.PageId}|limits|{scope}";
        var row = $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(client)))[..32]}|{windowIndex}";
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var existing = await NotificationTables.GetOrNullAsync(tables.Deliveries, partition, row, cancellationToken);
            var count = existing?.GetInt32("Count") ?? 0;
            if (count >= limit)
            {
                var windowEnd = DateTimeOffset.FromUnixTimeMilliseconds((windowIndex + 1) * (long)window.TotalMilliseconds);
                return windowEnd - now;
            }

            var entity = new TableEntity(partition, row) { ["Count"] = count + 1 };
            var stored = existing is null
                ? await NotificationTables.TryAddAsync(tables.Deliveries, entity, cancellationToken)
                : await NotificationTables.TryReplaceAsync(tables.Deliveries, entity, existing.ETag.ToString(), cancellationToken);
            if (stored is not null)
            {
                return null;
            }
        }

        return window; // Heavily contended: treat as over the limit.
    }
}
