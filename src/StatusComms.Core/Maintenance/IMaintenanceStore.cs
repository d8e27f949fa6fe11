namespace StatusComms.Maintenance;

/// <summary>Where scheduled maintenances and their updates are kept.</summary>
public interface IMaintenanceStore
{
    Task<ScheduledMaintenance?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Maintenances not yet marked completed (upcoming, active, or past their window awaiting completion).</summary>
    Task<IReadOnlyList<ScheduledMaintenance>> ListOpenAsync(CancellationToken cancellationToken);

    /// <summary>All maintenances, newest window first.</summary>
    Task<IReadOnlyList<ScheduledMaintenance>> ListRecentAsync(int take, CancellationToken cancellationToken);

    Task AddAsync(ScheduledMaintenance maintenance, CancellationToken cancellationToken);

    Task SaveAsync(ScheduledMaintenance maintenance, string expectedVersion, CancellationToken cancellationToken);
}
