using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Maintenance;

namespace StatusComms.StatusPage;

/// <summary>
/// What the page shows, derived from what is stored: each component's displayed status is the worst of its own
/// status, the status it has in every open incident, and "under maintenance" while a maintenance covering it is
/// active; a group shows the worst of its members. The page indicator follows.
/// </summary>
public sealed class StatusRollup
{
    private readonly Dictionary<string, ComponentStatus> _displayed;

    private StatusRollup(Dictionary<string, ComponentStatus> displayed, PageIndicator indicator)
    {
        _displayed = displayed;
        Indicator = indicator;
    }

    public PageIndicator Indicator { get; }

    public string Description => StatusLabels.For(Indicator);

    public ComponentStatus DisplayedStatus(string componentId)
        => _displayed.TryGetValue(componentId, out var status) ? status : ComponentStatus.Operational;

    public static StatusRollup Compute(
        IReadOnlyCollection<Component> components,
        IEnumerable<Incident> incidents,
        IEnumerable<ScheduledMaintenance> maintenances,
        DateTimeOffset now)
    {
        var displayed = components.Where(c => !c.IsGroup).ToDictionary(c => c.Id, c => c.Status, StringComparer.Ordinal);
        var indicator = PageIndicator.None;
        foreach (var incident in incidents.Where(i => i.IsOpen))
        {
            indicator = Worst(indicator, IndicatorFor(incident.Impact));
            foreach (var (componentId, status) in incident.Components)
            {
                Raise(displayed, componentId, status);
            }
        }

        var maintenanceActive = false;
        foreach (var maintenance in maintenances.Where(m => m.IsActive(now)))
        {
            maintenanceActive = true;
            foreach (var componentId in maintenance.ComponentIds)
            {
                Raise(displayed, componentId, ComponentStatus.UnderMaintenance);
            }
        }

        foreach (var status in displayed.Values)
        {
            indicator = Worst(indicator, IndicatorFor(status));
        }

        if (indicator == PageIndicator.None && maintenanceActive)
        {
            indicator = PageIndicator.Maintenance;
        }

        foreach (var group in components.Where(c => c.IsGroup))
        {
            displayed[group.Id] = components
                .Where(c => !c.IsGroup && c.GroupId == group.Id)
                .Select(c => displayed[c.Id])
                .DefaultIfEmpty(ComponentStatus.Operational)
                .Max();
        }

        return new StatusRollup(displayed, indicator);
    }

    private static void Raise(Dictionary<string, ComponentStatus> displayed, string componentId, ComponentStatus status)
    {
        // A component deleted while an incident still names it no longer shows on the page.
        if (displayed.TryGetValue(componentId, out var current) && status > current)
        {
            displayed[componentId] = status;
        }
    }

    private static PageIndicator IndicatorFor(IncidentImpact impact) => impact switch
    {
        IncidentImpact.Critical => PageIndicator.Critical,
        IncidentImpact.Major => PageIndicator.Major,
        IncidentImpact.Minor => PageIndicator.Minor,
        _ => PageIndicator.None,
    };

    private static PageIndicator IndicatorFor(ComponentStatus status) => status switch
    {
        ComponentStatus.MajorOutage => PageIndicator.Critical,
        ComponentStatus.PartialOutage => PageIndicator.Major,
        ComponentStatus.DegradedPerformance => PageIndicator.Minor,
        _ => PageIndicator.None,
    };

    private static PageIndicator Worst(PageIndicator a, PageIndicator b) => a > b ? a : b;
}
