using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Maintenance;

namespace StatusComms.StatusPage;

/// <summary>Everything the public pages are built from, read at one moment.</summary>
public sealed record SiteContent(
    PageSettings Page,
    IReadOnlyList<Component> Components,
    IReadOnlyList<Incident> OpenIncidents,
    IReadOnlyList<IncidentSummary> RecentIncidents,
    IReadOnlyList<ScheduledMaintenance> Maintenances,
    DateTimeOffset Now);
