using StatusComms.Candor;
using StatusComms.Common;
using StatusComms.Components;
using StatusComms.Publishing;

namespace StatusComms.Maintenance;

/// <summary>Schedules maintenance and posts its updates; every accepted change is published.</summary>
public sealed class MaintenanceService(IMaintenanceStore maintenances, IComponentStore components, CandorCheck candor, PublishAfterChange publish, TimeProvider time)
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
        var now = time.GetUtcNow();
        var maintenance = ScheduledMaintenance.Schedule(
            Ids.NewId(), draft.Name?.Trim()!, draft.Body, draft.ScheduledFor, draft.ScheduledUntil, draft.ComponentIds, draft.AutoTransition, known, draft.Author, now);
        Review(maintenance, known, draft.CandorOverrideReason, now);
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
        var now = time.GetUtcNow();
        var known = await knownTask;
        if (changes.ScheduledUntil is { } until)
        {
            maintenance.MoveEnd(until, now);
        }

        maintenance.PostUpdate(changes.Status, changes.Body, changes.Author, now);
        Review(maintenance, known, changes.CandorOverrideReason, now);
        await maintenances.SaveAsync(maintenance, version, cancellationToken);
        await publish.PublishAsync();
        return new MaintenanceDetails(maintenance, known);
    }

    /// <summary>Planned work is checked for its wording like any message; its window stands for the next update.</summary>
    private void Review(ScheduledMaintenance maintenance, IReadOnlyDictionary<string, Component> known, string? overrideReason, DateTimeOffset now)
        => maintenance.RecordReview(CandorReview.Of(candor, new CandorDraft
        {
            Title = maintenance.Name,
            Body = maintenance.Updates[^1].Body,
            Stage = Incidents.IncidentStatus.Monitoring,
            Impact = Incidents.IncidentImpact.None,
            AffectedComponents = maintenance.ComponentIds.Select(id => known.GetValueOrDefault(id)?.Name).OfType<string>().ToArray(),
            PageVocabulary = known.Values.Select(c => c.Name).ToArray(),
            Now = now,
            IsPlannedWork = true,
        }, overrideReason));

    private async Task<IReadOnlyDictionary<string, Component>> KnownComponentsAsync(CancellationToken cancellationToken)
        => (await components.ListAsync(cancellationToken)).ToDictionary(c => c.Id, StringComparer.Ordinal);
}
