namespace StatusComms.Components;

/// <summary>Where components are kept. Writes check <see cref="Component.Version"/> and throw
/// <see cref="Common.ConcurrencyConflictException"/> when it is stale.</summary>
public interface IComponentStore
{
    Task<IReadOnlyList<Component>> ListAsync(CancellationToken cancellationToken);

    Task<Component?> GetAsync(string id, CancellationToken cancellationToken);

    Task AddAsync(Component component, CancellationToken cancellationToken);

    Task UpdateAsync(Component component, CancellationToken cancellationToken);

    Task DeleteAsync(Component component, CancellationToken cancellationToken);
}
