using StatusComms.Common;
using StatusComms.Components;
using StatusComms.Publishing;

namespace StatusComms.Maintenance;

/// <summary>Schedules maintenance and posts its updates; every accepted change is published.</summary>
public sealed class MaintenanceService(IMaintenanceStore maintenances, IComponentStore components, PublishAfterChange publish, TimeProvider time)
{
    public const int ListLength = 100;

    public Task<ScheduledMaintenance?> GetAsync(string id, CancellationToken cancellationToken) => maintenances.GetAsync(id, cancellationToken);

    public Task<IReadOnlyList<ScheduledMaintenance>> ListAsync(CancellationToken cancellationToken) => maintenances.ListRecentAsync(ListLength, cancellationToken);

    public async Task<ScheduledMaintenance> CreateAsync(NewMaintenance draft, CancellationToken cancellationToken)
    {
        var known = (await components.ListAsync(cancellationToken)).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var maintenance = ScheduledMaintenance.Schedule(
            Ids.NewId(), draft.Name?.Trim()!, draft.Body, draft.ScheduledFor, draft.ScheduledUntil, draft.ComponentIds, draft.AutoTransition, known, draft.Author, time.GetUtcNow());
        await maintenances.AddAsync(maintenance, cancellationToken);
        await publish.PublishAsync();
        return maintenance;
    }

    public async Task<ScheduledMaintenance?> UpdateAsync(string id, MaintenanceChanges changes, string? expectedVersion, CancellationToken cancellationToken)
    {
        var maintenance = await maintenances.GetAsync(id, cancellationToken);
        if (maintenance is null)
        {
            return null;
        }

        var version = expectedVersion ?? maintenance.Version!;
        maintenance.PostUpdate(changes.Status, changes.Body, changes.Author, time.GetUtcNow());
        await maintenances.SaveAsync(maintenance, version, cancellationToken);
        await publish.PublishAsync();
        return maintenance;
    }
}
