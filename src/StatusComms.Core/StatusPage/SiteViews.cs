using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Maintenance;

namespace StatusComms.StatusPage;

// View models of the public site. Strings here are raw text: the templates encode them for HTML.

public sealed record SiteChrome(string PageName, string PageUrl, string StylesheetHref, DateTimeOffset GeneratedAt);

public sealed record IndexView(
    SiteChrome Chrome,
    PageIndicator Indicator,
    string IndicatorDescription,
    IReadOnlyList<ComponentGroupView> Groups,
    IReadOnlyList<IncidentCardView> ActiveIncidents,
    IReadOnlyList<MaintenanceCardView> ActiveMaintenances,
    IReadOnlyList<MaintenanceCardView> UpcomingMaintenances);

/// <summary>A group of components, or (with a null name) the components that belong to no group.</summary>
public sealed record ComponentGroupView(string? Name, ComponentStatus Status, string StatusLabel, IReadOnlyList<ComponentView> Components);

public sealed record ComponentView(string Id, string Name, string? Description, ComponentStatus Status, string StatusLabel);

public sealed record IncidentCardView(string Id, string Name, IncidentImpact Impact, string ImpactLabel, string StatusLabel, string Href, DateTimeOffset StartedAt, UpdateView? LatestUpdate);

public sealed record UpdateView(string StatusLabel, string Body, DateTimeOffset CreatedAt, DateTimeOffset? NextUpdateAt, IReadOnlyList<string> ComponentChanges);

public sealed record MaintenanceCardView(string Id, string Name, string StatusLabel, DateTimeOffset ScheduledFor, DateTimeOffset ScheduledUntil, IReadOnlyList<string> ComponentNames, string? LatestBody);

public sealed record IncidentPageView(
    SiteChrome Chrome,
    string Id,
    string Name,
    IncidentImpact Impact,
    string ImpactLabel,
    IncidentStatus Status,
    string StatusLabel,
    DateTimeOffset StartedAt,
    DateTimeOffset? ResolvedAt,
    IReadOnlyList<string> AffectedComponents,
    IReadOnlyList<UpdateView> Updates);

public sealed record HistoryView(SiteChrome Chrome, IReadOnlyList<HistoryEntryView> Incidents);

public sealed record HistoryEntryView(string Id, string Name, string Href, IncidentImpact Impact, string ImpactLabel, string StatusLabel, DateTimeOffset StartedAt, DateTimeOffset? ResolvedAt);

/// <summary>What every page's head needs.</summary>
public sealed record HeadView(string Title, string Description, SiteChrome Chrome);
