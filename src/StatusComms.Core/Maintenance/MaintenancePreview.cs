using StatusComms.Candor;
using StatusComms.Components;

namespace StatusComms.Maintenance;

/// <summary>
/// A maintenance with a draft applied but not saved: what customers would read if it were posted, and what the candor
/// check says of the draft update (<see cref="Update"/>). Previews never reach the store or the site.
/// </summary>
public sealed record MaintenancePreview(ScheduledMaintenance Maintenance, IReadOnlyDictionary<string, Component> Components, MaintenanceUpdate Update)
{
    public IReadOnlyList<CandorFinding> Findings => Update.Review.Findings;

    public bool HasErrors => Update.Review.HasErrors;
}
