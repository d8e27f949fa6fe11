using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Maintenance;
using StatusComms.Postmortems;
using StatusComms.Subscriptions;

namespace StatusComms.StatusPage;

/// <summary>The words a person reads for each status; the wire spellings live on the enums themselves.</summary>
public static class StatusLabels
{
    public static string For(ComponentStatus status) => status switch
    {
        ComponentStatus.Operational => "Operational",
        ComponentStatus.UnderMaintenance => "Under maintenance",
        ComponentStatus.DegradedPerformance => "Degraded performance",
        ComponentStatus.PartialOutage => "Partial outage",
        ComponentStatus.MajorOutage => "Major outage",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string For(IncidentStatus status) => status switch
    {
        IncidentStatus.Investigating => "Investigating",
        IncidentStatus.Identified => "Identified",
        IncidentStatus.Monitoring => "Monitoring",
        IncidentStatus.Resolved => "Resolved",
        IncidentStatus.Postmortem => "Postmortem",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string For(MaintenanceStatus status) => status switch
    {
        MaintenanceStatus.Scheduled => "Scheduled",
        MaintenanceStatus.InProgress => "In progress",
        MaintenanceStatus.Verifying => "Verifying",
        MaintenanceStatus.Completed => "Completed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string For(IncidentImpact impact) => impact switch
    {
        IncidentImpact.None => "No impact",
        IncidentImpact.Minor => "Minor impact",
        IncidentImpact.Major => "Major impact",
        IncidentImpact.Critical => "Critical impact",
        _ => throw new ArgumentOutOfRangeException(nameof(impact), impact, null),
    };

    public static string For(PostmortemStatus status) => status switch
    {
        PostmortemStatus.Draft => "Draft",
        PostmortemStatus.InReview => "In review",
        PostmortemStatus.Final => "Final",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string For(ActionItemKind kind) => kind switch
    {
        ActionItemKind.ImmediateFix => "Immediate fix",
        ActionItemKind.LongTermPrevention => "Long-term prevention",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string For(ActionItemStatus status) => status switch
    {
        ActionItemStatus.Open => "Open",
        ActionItemStatus.InProgress => "In progress",
        ActionItemStatus.Done => "Done",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string For(SubscriberStatus status) => status switch
    {
        SubscriberStatus.Pending => "Waiting for confirmation",
        SubscriberStatus.Confirmed => "Confirmed",
        SubscriberStatus.Unsubscribed => "Unsubscribed",
        SubscriberStatus.Suppressed => "Stopped by the mail provider",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Statuspage's description strings for the page indicator.</summary>
    public static string For(PageIndicator indicator) => indicator switch
    {
        PageIndicator.None => "All Systems Operational",
        PageIndicator.Maintenance => "Service Under Maintenance",
        PageIndicator.Minor => "Minor Service Outage",
        PageIndicator.Major => "Partial System Outage",
        PageIndicator.Critical => "Major System Outage",
        _ => throw new ArgumentOutOfRangeException(nameof(indicator), indicator, null),
    };
}
