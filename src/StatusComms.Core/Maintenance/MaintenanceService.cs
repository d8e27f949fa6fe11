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
        var maintenance = Schedule(draft, known, time.GetUtcNow(), enforce: true);
        await maintenances.AddAsync(maintenance, cancellationToken);
        await publish.PublishAsync();
        return new MaintenanceDetails(maintenance, known);
    }

    /// <summary>
    /// What scheduling this maintenance would publish, without scheduling it: the maintenance as it would stand and
    /// what the candor check says of its first update (errors are reported, not thrown). The console previews drafts this way.
    /// </summary>
    public async Task<MaintenancePreview> PreviewCreateAsync(NewMaintenance draft, CancellationToken cancellationToken)
    {
        var known = await KnownComponentsAsync(cancellationToken);
        var maintenance = Schedule(draft, known, time.GetUtcNow(), enforce: false);
        return new MaintenancePreview(maintenance, known, maintenance.Updates[^1]);
    }

    /// <param name="expectedVersion">The version the caller read (If-Match); none applies the change to the latest (<see cref="LatestVersion"/>).</param>
    public Task<MaintenanceDetails?> UpdateAsync(string id, MaintenanceChanges changes, string? expectedVersion, CancellationToken cancellationToken)
        => LatestVersion.ApplyAsync(expectedVersion, () => UpdateOnceAsync(id, changes, expectedVersion, cancellationToken), time, cancellationToken);

    private async Task<MaintenanceDetails?> UpdateOnceAsync(string id, MaintenanceChanges changes, string? expectedVersion, CancellationToken cancellationToken)
    {
        var knownTask = KnownComponentsAsync(cancellationToken);
        var maintenance = await maintenances.GetAsync(id, cancellationToken);
        if (maintenance is null)
        {
            return null;
        }

        var version = expectedVersion ?? maintenance.Version!;
        var known = await knownTask;
        Apply(maintenance, changes, known, time.GetUtcNow(), enforce: true);
        await maintenances.SaveAsync(maintenance, version, cancellationToken);
        await publish.PublishAsync();
        return new MaintenanceDetails(maintenance, known);
    }

    /// <summary>What this change would publish, applied to the maintenance as stored now, without saving it.</summary>
    /// <returns>The preview, or null when there is no maintenance with that id.</returns>
    public async Task<MaintenancePreview?> PreviewUpdateAsync(string id, MaintenanceChanges changes, CancellationToken cancellationToken)
    {
        var knownTask = KnownComponentsAsync(cancellationToken);
        var maintenance = await maintenances.GetAsync(id, cancellationToken);
        if (maintenance is null)
        {
            return null;
        }

        var known = await knownTask;
        Apply(maintenance, changes, known, time.GetUtcNow(), enforce: false);
        return new MaintenancePreview(maintenance, known, maintenance.UnsavedUpdates[^1]);
    }

    /// <summary>
    /// What the candor check is asked about an update of planned work: its words, its title and scope in the page's
    /// vocabulary; the window stands for the next update, so no next-update time is asked for.
    /// </summary>
    internal static CandorDraft CandorDraftOf(ScheduledMaintenance maintenance, string body, IReadOnlyDictionary<string, Component> known, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(maintenance);
        ArgumentNullException.ThrowIfNull(known);
        return new CandorDraft
        {
            Title = maintenance.Name,
            Body = body,
            Stage = Incidents.IncidentStatus.Monitoring,
            Impact = Incidents.IncidentImpact.None,
            AffectedComponents = maintenance.ComponentIds.Select(id => known.GetValueOrDefault(id)?.Name).OfType<string>().ToArray(),
            PageVocabulary = known.Values.Select(c => c.Name).ToArray(),
            Now = now,
            IsPlannedWork = true,
        };
    }

    private ScheduledMaintenance Schedule(NewMaintenance draft, IReadOnlyDictionary<string, Component> known, DateTimeOffset now, bool enforce)
    {
        var maintenance = ScheduledMaintenance.Schedule(
            Ids.NewId(), draft.Name?.Trim()!, draft.Body, draft.ScheduledFor, draft.ScheduledUntil, draft.ComponentIds, draft.AutoTransition, known, draft.Author, now);
        maintenance.SetReminder(draft.RemindPrior, now);
        Review(maintenance, known, draft.CandorOverrideReason, now, enforce);
        return maintenance;
    }

    private void Apply(ScheduledMaintenance maintenance, MaintenanceChanges changes, IReadOnlyDictionary<string, Component> known, DateTimeOffset now, bool enforce)
    {
        if (changes.ScheduledUntil is { } until)
        {
            maintenance.MoveEnd(until, now);
        }

        maintenance.PostUpdate(changes.Status, changes.Body, changes.Author, now);
        Review(maintenance, known, changes.CandorOverrideReason, now, enforce);
    }

    /// <summary>
    /// Planned work is checked for its wording like any message: errors reject it unless the comms lead gave a reason
    /// (or the check only warns, or <paramref name="enforce"/> is off for a preview); the findings and the reason are
    /// kept with the update.
    /// </summary>
    private void Review(ScheduledMaintenance maintenance, IReadOnlyDictionary<string, Component> known, string? overrideReason, DateTimeOffset now, bool enforce)
    {
        var draft = CandorDraftOf(maintenance, maintenance.Updates[^1].Body, known, now);
        maintenance.RecordReview(CandorReview.Of(candor, draft, overrideReason, enforce));
    }

    private async Task<IReadOnlyDictionary<string, Component>> KnownComponentsAsync(CancellationToken cancellationToken)
        => (await components.ListAsync(cancellationToken)).ToDictionary(c => c.Id, StringComparer.Ordinal);
}
