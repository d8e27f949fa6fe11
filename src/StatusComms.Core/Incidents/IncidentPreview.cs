using StatusComms.Candor;
using StatusComms.Components;

namespace StatusComms.Incidents;

/// <summary>
/// An incident with a draft applied but not saved: what customers would read if it were posted, and what the candor
/// check says of the draft update (<see cref="Update"/>). Previews never reach the store or the site.
/// </summary>
public sealed record IncidentPreview(Incident Incident, IReadOnlyDictionary<string, Component> Components, IncidentUpdate Update)
{
    public IReadOnlyList<CandorFinding> Findings => Update.Review.Findings;

    public bool HasErrors => Update.Review.HasErrors;

    public IncidentDetails Details => new(Incident, Components);

    public static IncidentPreview Of(Incident incident, IReadOnlyDictionary<string, Component> components)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return new IncidentPreview(incident, components, incident.UnsavedUpdates.Count > 0 ? incident.UnsavedUpdates[^1] : incident.Updates[^1]);
    }
}
