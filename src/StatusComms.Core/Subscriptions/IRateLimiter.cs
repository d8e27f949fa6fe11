namespace StatusComms.Subscriptions;

/// <summary>Counts requests per client in fixed windows; a store shared by every instance of the app.</summary>
public interface IRateLimiter
{
    /// <returns>Null when the request may go ahead; otherwise how long the client should wait.</returns>
    Task<TimeSpan?> TryAcquireAsync(string scope, string client, int limit, TimeSpan window, CancellationToken cancellationToken);
}
