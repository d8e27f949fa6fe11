using StatusComms.Common;
using StatusComms.Components;
using StatusComms.Publishing;

namespace StatusComms.Maintenance;

/// <summary>Schedules maintenance and posts its updates; every accepted change is published.</summary>
public sealed class MaintenanceService(IMaintenanceStore maintenances, IComponentStore components, PublishAfterChange publish, TimeProvider time)
{
    public const int ListLength = 100;

    public async Task<MaintenanceDetails?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var maintenanceTask = maintenances.GetAsync(id, cancellationToken);
        var known = await KnownComponentsAsync(cancellationToken);
        return await maintenanceTask is { } maintenance ? new MaintenanceDetails(maintenance, known) : null;
    }

    public async Task<IReadOnlyList<MaintenanceDetails>> ListAsync(CancellationToken cancellationToken)
    {
        var listTask = maintenances.ListRecentAsync(ListLength, cancellationToken);
        var known = await KnownComponentsAsync(cancellationToken);
        return (await listTask).Select(m => new MaintenanceDetails(m, known)).ToArray();
    }

    public async Task<MaintenanceDetails> CreateAsync(NewMaintenance draft, CancellationToken cancellationToken)
    {
        var known = await KnownComponentsAsync(cancellationToken);
        var maintenance = ScheduledMaintenance.Schedule(
            Ids.NewId(), draft.Name?.Trim()!, draft.Body, draft.ScheduledFor, draft.ScheduledUntil, draft.ComponentIds, draft.AutoTransition, known, draft.Author, time.GetUtcNow());
        await maintenances.AddAsync(maintenance, cancellationToken);
        await publish.PublishAsync();
        return new MaintenanceDetails(maintenance, known);
    }

    public async Task<MaintenanceDetails?> UpdateAsync(string id, MaintenanceChanges changes, string? expectedVersion, CancellationToken cancellationToken)
    {
        var knownTask = KnownComponentsAsync(cancellationToken);
        var maintenance = await maintenances.GetAsync(id, cancellationToken);
        if (maintenance is null)
        {
            return null;
        }

        var version = expectedVersion ?? maintenance.Version!;
        maintenance.PostUpdate(changes.Status, changes.Body, changes.Author, time.GetUtcNow());
        await maintenances.SaveAsync(maintenance, version, cancellationToken);
        await publish.PublishAsync();
        return new MaintenanceDetails(maintenance, await knownTask);
    }

    private async Task<IReadOnlyDictionary<string, Component>> KnownComponentsAsync(CancellationToken cancellationToken)
        => (await components.ListAsync(cancellationToken)).ToDictionary(c => c.Id, StringComparer.Ordinal);
}
