namespace StatusComms.Components;

/// <summary>Where components are kept. Writes check <see cref="Component.Version"/> and throw
/// <see cref="Common.ConcurrencyConflictException"/> when it is stale.</summary>
public interface IComponentStore
{
    Task<IReadOnlyList<Component>> ListAsync(CancellationToken cancellationToken);

    Task<Component?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Adds the component at its <see cref="Component.Position"/>, or the next free one when another took it meanwhile (setting it).</summary>
    Task AddAsync(Component component, CancellationToken cancellationToken);

    Task UpdateAsync(Component component, CancellationToken cancellationToken);

    Task DeleteAsync(Component component, CancellationToken cancellationToken);
}
