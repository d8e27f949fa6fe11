namespace StatusComms.Uptime;

/// <summary>Where the daily roll-ups and the accounting state are kept.</summary>
public interface IUptimeStore
{
    /// <summary>The state (with an opaque version for <see cref="TrySaveAsync"/>) and the days from <paramref name="from"/> on.</summary>
    Task<UptimeSnapshot> ReadAsync(DateOnly from, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the new state and the changed days together, only if the state is still at <paramref name="expectedVersion"/>
    /// (null: no state stored yet). Returns the state's new version, or null when another publisher accounted first.
    /// </summary>
    Task<string?> TrySaveAsync(UptimeState state, string? expectedVersion, IReadOnlyList<UptimeDay> days, CancellationToken cancellationToken);
}

public sealed record UptimeSnapshot(UptimeState? State, string? Version, IReadOnlyDictionary<DateOnly, UptimeDay> Days);
