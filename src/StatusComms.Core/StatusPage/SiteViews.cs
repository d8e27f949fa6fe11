using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Maintenance;
using StatusComms.Uptime;

namespace StatusComms.StatusPage;

// View models of the public site. Strings here are raw text: the templates encode them for HTML.

/// <param name="LastChangedAt">When what the page shows last changed (not when it was rendered); null on the 404 page, which no change alters.</param>
/// <param name="SubscribeUrl">Where the subscribe form posts; null: no form.</param>
public sealed record SiteChrome(string PageName, string PageUrl, SiteAssets Assets, DateTimeOffset? LastChangedAt, string? SubscribeUrl = null, string? SubscribeOrigin = null)
{
    /// <summary>The site folder's path ("/", or a drill's "/drills/{id}/"): every link within the site starts there.</summary>
    public string Root { get; init; } = "/";

    /// <summary>A drill's sandbox page (<see cref="PageSettings.Sandbox"/>).</summary>
    public bool Sandbox { get; init; }

    /// <summary>A link within the site, written from its root ("/history.html"), as it is reached from this site's folder.</summary>
    public string Link(string href) => Root != "/" && href.StartsWith('/') ? Root + href[1..] : href;
}

/// <summary>The content-addressed files every page links: stylesheet, icon and the optional local-time script.</summary>
public sealed record SiteAssets(string StylesheetHref, string? IconHref = null, string? ScriptHref = null);

/// <summary>The page static hosting answers with for a path that does not exist (its error document).</summary>
public sealed record NotFoundView(SiteChrome Chrome);

public sealed record IndexView(
    SiteChrome Chrome,
    PageIndicator Indicator,
    string IndicatorDescription,
    IReadOnlyList<ComponentGroupView> Groups,
    AffectedView Affected,
    IReadOnlyList<IncidentCardView> ActiveIncidents,
    IReadOnlyList<MaintenanceCardView> ActiveMaintenances,
    IReadOnlyList<MaintenanceCardView> UpcomingMaintenances);

/// <summary>A group of components, or (with a null name) the components that belong to no group.</summary>
public sealed record ComponentGroupView(string? Name, ComponentStatus Status, string StatusLabel, IReadOnlyList<ComponentView> Components);

/// <summary>The components not operational, as the banner names them (worst first), and how many more there are.</summary>
public sealed record AffectedView(IReadOnlyList<AffectedComponentView> Named, int More)
{
    /// <summary>How many the banner names before "and N more".</summary>
    public const int MostNamed = 6;
}

/// <summary>A component that is not operational, as the banner names it and links to its row.</summary>
public sealed record AffectedComponentView(string Id, string Name, ComponentStatus Status, string StatusLabel);

public sealed record ComponentView(string Id, string Name, string? Description, ComponentStatus Status, string StatusLabel, UptimeView? Uptime = null);

/// <summary>A component's last 90 days: one bar per day (oldest first) and, in words, every day that had anything.</summary>
/// <param name="Summary">"99.98% uptime" or "No uptime data yet".</param>
/// <param name="QuietDays">Days with data and nothing to report, described together.</param>
public sealed record UptimeView(string Summary, IReadOnlyList<UptimeBarView> Bars, IReadOnlyList<UptimeDayView> EventfulDays, int QuietDays)
{
    public UptimeChartView Chart => UptimeChartView.From(Bars);

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

/// <summary>
/// The 90 bars drawn as one small inline SVG. Each run of consecutive days of one kind is one horizontal stroke
/// whose dash pattern (<see cref="BarWidth"/> on, 1 off, restarted at every subpath) draws one bar per day, so a
/// component's 90 days take a few elements and bytes instead of 90: a 50-component page stays small and quick to lay
/// out. Quiet days are short bars; eventful days (any downtime or incident) are full-height bars in the colour of
/// their worst status. Day i (oldest first) sits at x = <see cref="Step"/> × i. The bars are decoration for sighted
/// readers: the same facts are told in words beside them.
/// </summary>
public sealed record UptimeChartView(IReadOnlyList<UptimePathView> Paths)
{
    public const int Step = 5;
    public const int BarWidth = 4;
    public const int Height = 24;

    /// <summary>Quiet bars span y = 8 to 24 (a 16-wide stroke at y = 16); eventful bars the full height (24 wide at y = 12).</summary>
    public const int QuietHeight = 16;

    public static string ViewBox => $"0 0 {(UptimeAccounting.Days * Step) - 1} {Height}";

    public static UptimeChartView From(IReadOnlyList<UptimeBarView> bars)
    {
        var runs = new List<(string CssClass, bool Tall, int From, int Count)>();
        for (var day = 0; day < bars.Count; day++)
        {
            var (cssClass, tall) = (bars[day].CssClass, bars[day].Title is not null);
            if (runs.Count > 0 && runs[^1].From + runs[^1].Count == day && runs[^1].CssClass == cssClass && runs[^1].Tall == tall)
            {
                runs[^1] = runs[^1] with { Count = runs[^1].Count + 1 };
            }
            else
            {
                runs.Add((cssClass, tall, day, 1));
            }
        }

        var paths = runs
            .GroupBy(r => (r.CssClass, r.Tall))
            .Select(g => new UptimePathView(
                g.Key.Tall ? g.Key.CssClass + " t" : g.Key.CssClass,
                string.Concat(g.Select(r => $"M{r.From * Step} {(g.Key.Tall ? Height / 2 : Height - (QuietHeight / 2))}h{r.Count * Step}"))))
            .ToArray();
        return new UptimeChartView(paths);
    }

    /// <summary>How many day bars a path draws: the sum of its runs' lengths.</summary>
    public static int DaysDrawnBy(string d)
        => System.Text.RegularExpressions.Regex.Matches(d, "h([0-9]+)").Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) / Step);
}

public sealed record UptimePathView(string CssClass, string D);


public sealed record UptimeDayView(DateOnly Date, string WorstLabel, string Minutes, IReadOnlyList<string> Incidents);

public sealed record IncidentCardView(string Id, string Name, IncidentImpact Impact, string ImpactLabel, string StatusLabel, string Href, DateTimeOffset StartedAt, UpdateView? LatestUpdate);

/// <param name="Overdue">
/// The promised next update is past and none has been posted: the page says so ("An update was due at 10:30 UTC")
/// instead of repeating a promise that was not kept. The reconcile timer re-renders open incidents every minute.
/// </param>
public sealed record UpdateView(string StatusLabel, string Body, DateTimeOffset CreatedAt, DateTimeOffset? NextUpdateAt, IReadOnlyList<string> ComponentChanges, bool Overdue = false);

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
    string HistoryHref,
    string? PostmortemHref = null);

/// <summary>postmortems/{incident}.html: the customer summary of a published postmortem.</summary>
public sealed record PostmortemPageView(SiteChrome Chrome, Postmortems.CustomerSummary Summary, DateTimeOffset PublishedAt);

/// <summary>A page of incident history: some months, newest first, and links to older and newer pages.</summary>
public sealed record HistoryView(SiteChrome Chrome, string Title, IReadOnlyList<HistoryMonthView> Months, HistoryLink? Older, HistoryLink? Newer);

public sealed record HistoryMonthView(string Id, string Label, IReadOnlyList<HistoryEntryView> Incidents);

public sealed record HistoryLink(string Href, string Label);

public sealed record HistoryEntryView(string Id, string Name, string Href, IncidentImpact Impact, string ImpactLabel, string StatusLabel, DateTimeOffset StartedAt, DateTimeOffset? ResolvedAt, string? PostmortemHref = null);

/// <summary>What every page's head needs.</summary>
public sealed record HeadView(string Title, string Description, SiteChrome Chrome);
