using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Maintenance;

namespace StatusComms.StatusPage;

// View models of the public site. Strings here are raw text: the templates encode them for HTML.

/// <param name="LastChangedAt">When what the site shows last changed (not when it was rendered).</param>
public sealed record SiteChrome(string PageName, string PageUrl, string StylesheetHref, DateTimeOffset LastChangedAt);

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

public sealed record ComponentView(string Id, string Name, string? Description, ComponentStatus Status, string StatusLabel, UptimeView? Uptime = null);

/// <summary>A component's last 90 days: one bar per day (oldest first) and, in words, every day that had anything.</summary>
/// <param name="Summary">"99.98% uptime" or "No uptime data yet".</param>
/// <param name="QuietDays">Days with data and nothing to report, described together.</param>
public sealed record UptimeView(string Summary, IReadOnlyList<UptimeBarView> Bars, IReadOnlyList<UptimeDayView> EventfulDays, int QuietDays)
{
    /// <summary>"12 other days with no downtime; no data for 75 days (uptime is recorded from the day the page began)."</summary>
    public string QuietDaysSentence
    {
        get
        {
            static string Days(int n) => n == 1 ? "1 day" : $"{n} days";
            var none = Bars.Count(b => b.CssClass == "u-none");
            var parts = new List<string>();
            if (QuietDays > 0)
            {
                parts.Add(EventfulDays.Count > 0 ? $"{Days(QuietDays)} more with no downtime" : $"No downtime on {Days(QuietDays)}");
            }

            if (none > 0)
            {
                parts.Add($"no data for {Days(none)}");
            }

            var sentence = string.Join("; ", parts);
            return sentence.Length == 0 ? string.Empty : char.ToUpperInvariant(sentence[0]) + sentence[1..] + ".";
        }
    }
}

/// <summary>One day's bar: its CSS class names the worst status of the day ("u-none" with no data).</summary>
public sealed record UptimeBarView(string CssClass, string? Title);

public sealed record UptimeDayView(DateOnly Date, string WorstLabel, string Minutes, IReadOnlyList<string> Incidents);

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
    IReadOnlyList<UpdateView> Updates,
    string HistoryHref);

/// <summary>A page of incident history: some months, newest first, and links to older and newer pages.</summary>
public sealed record HistoryView(SiteChrome Chrome, string Title, IReadOnlyList<HistoryMonthView> Months, HistoryLink? Older, HistoryLink? Newer);

public sealed record HistoryMonthView(string Id, string Label, IReadOnlyList<HistoryEntryView> Incidents);

public sealed record HistoryLink(string Href, string Label);

public sealed record HistoryEntryView(string Id, string Name, string Href, IncidentImpact Impact, string ImpactLabel, string StatusLabel, DateTimeOffset StartedAt, DateTimeOffset? ResolvedAt);

/// <summary>What every page's head needs.</summary>
public sealed record HeadView(string Title, string Description, SiteChrome Chrome);
