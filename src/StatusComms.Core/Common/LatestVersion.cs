namespace StatusComms.Common;

/// <summary>
/// Read, change, write conditionally, for callers who name no version. Statuspage's automation never sends
/// If-Match: its change is meant for whatever is stored now, so a concurrent writer's conflict is not the caller's
/// to resolve. The change is applied again to the fresh read (each attempt starts from a new read, so it is stored
/// once, on top of everyone else's). A caller who named the version it read still gets the conflict.
/// </summary>
public static class LatestVersion
{
    /// <summary>Enough for dozens of writers on one record at once; each attempt loses only to a write that landed.</summary>
    public const int MaxAttempts = 40;

    public static async Task<T> ApplyAsync<T>(string? expectedVersion, Func<Task<T>> attempt, TimeProvider time, CancellationToken cancellationToken)
    {
        for (var n = 1; ; n++)
        {
            try
            {
                return await attempt();
            }
            catch (ConcurrencyConflictException) when (expectedVersion is null && n < MaxAttempts)
            {
                // Jittered so that the writers who lost together do not collide again together.
                var wait = TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 + Math.Min(n, 10) * 5));
                await Task.Delay(wait, time, cancellationToken);
            }
        }
    }
}
