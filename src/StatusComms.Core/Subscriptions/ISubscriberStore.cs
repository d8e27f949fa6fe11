namespace StatusComms.Subscriptions;

/// <summary>Where subscribers are kept: one row per subscriber, read in id order.</summary>
public interface ISubscriberStore
{
    Task<Subscriber?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Adds a new subscriber; false when one with that id exists already.</summary>
    Task<bool> TryAddAsync(Subscriber subscriber, CancellationToken cancellationToken);

    /// <summary>Saves a changed subscriber if it is still at the version it was read at; false when it changed meanwhile.</summary>
    Task<bool> TrySaveAsync(Subscriber subscriber, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> subscribers with ids after <paramref name="afterId"/> (null: from the start), in id order.</summary>
    Task<IReadOnlyList<Subscriber>> ListAsync(string? afterId, int limit, CancellationToken cancellationToken);

    /// <summary>Like <see cref="ListAsync"/>, reading only what the fan-out needs (no addresses): a tenth of the bytes.</summary>
    Task<IReadOnlyList<SubscriberChoice>> ListChoicesAsync(string? afterId, int limit, CancellationToken cancellationToken);

    /// <summary>The subscribers with ids from <paramref name="firstId"/> to <paramref name="lastId"/>, both included, in id order, with their addresses.</summary>
    Task<IReadOnlyList<SubscriberChoice>> ListRangeAsync(string firstId, string lastId, CancellationToken cancellationToken);

    /// <summary>How many subscribers there are in each status.</summary>
    Task<IReadOnlyDictionary<SubscriberStatus, int>> CountAsync(CancellationToken cancellationToken);
}
