using StatusComms.Components;

namespace StatusComms.Incidents;

/// <summary>An incident with the components of its page, which its API and page representations name.</summary>
public sealed record IncidentDetails(Incident Incident, IReadOnlyDictionary<string, Component> Components);
