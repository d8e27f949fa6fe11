using StatusComms.Components;

namespace StatusComms.Maintenance;

/// <summary>A maintenance with the components of its page, which its API representation names.</summary>
public sealed record MaintenanceDetails(ScheduledMaintenance Maintenance, IReadOnlyDictionary<string, Component> Components);
