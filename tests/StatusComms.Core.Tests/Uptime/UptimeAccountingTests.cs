using StatusComms.Components;
using StatusComms.StatusPage;
using StatusComms.Uptime;

namespace StatusComms.Core.Tests.Uptime;

public sealed class UptimeAccountingTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly Dictionary<DateOnly, UptimeDay> NoDays = [];

    [Fact]
    public void The_first_account_starts_tracking_and_credits_nothing()
    {
        var (state, changed) = UptimeAccounting.Advance(null, NoDays, Statuses(ComponentStatus.Operational), [], Midnight.AddHours(10));

        Assert.Equal(Midnight.AddHours(10), state.AccountedUntil);
        var day = Assert.Single(changed);
        Assert.Equal(Today, day.Date);
        Assert.Empty(day.Components);
    }

    [Fact]
    public void Time_is_credited_to_the_status_shown_at_the_last_account_and_split_at_midnight()
    {
        var before = new UptimeState(Midnight.AddHours(-1), Statuses(ComponentStatus.MajorOutage), [new DayIncident("inc1", "API down", ["api"])]);

        var (_, changed) = UptimeAccounting.Advance(before, NoDays, Statuses(ComponentStatus.Operational), [], Midnight.AddMinutes(30));

        Assert.Equal([Today.AddDays(-1), Today], changed.Select(d => d.Date));
        Assert.Equal(3_600, changed[0].Components["api"][ComponentStatus.MajorOutage]);
        Assert.Equal(1_800, changed[1].Components["api"][ComponentStatus.MajorOutage]);
        Assert.Equal(0, changed[1].Components["api"][ComponentStatus.Operational]);
        Assert.Equal("API down", Assert.Single(changed[0].Incidents).Name);
        Assert.Equal("API down", Assert.Single(changed[1].Incidents).Name);
    }

    [Fact]
    public void Accounts_add_up_and_name_each_incident_once_per_day()
    {
        var open = new[] { new DayIncident("inc1", "API down", ["api"]) };
        var state = new UptimeState(Midnight.AddHours(1), Statuses(ComponentStatus.Operational), []);
        var days = new Dictionary<DateOnly, UptimeDay>();
        foreach (var (minutes, status) in new[] { (10, ComponentStatus.PartialOutage), (20, ComponentStatus.PartialOutage), (30, ComponentStatus.Operational) })
        {
            var (next, changed) = UptimeAccounting.Advance(state, days, Statuses(status), status == ComponentStatus.Operational ? [] : open, state.AccountedUntil.AddMinutes(minutes));
            foreach (var day in changed)
            {
                days[day.Date] = day;
            }

            state = next;
        }

        var today = days[Today].Components["api"];
        Assert.Equal(10 * 60, today[ComponentStatus.Operational]); // the first 10 minutes, before the outage showed
        Assert.Equal(50 * 60, today[ComponentStatus.PartialOutage]);
        Assert.Single(days[Today].Incidents);
    }

    [Fact]
    public void After_a_long_silence_only_the_days_on_the_page_are_credited()
    {
        var state = new UptimeState(Midnight.AddDays(-400), Statuses(ComponentStatus.Operational), []);

        var (_, changed) = UptimeAccounting.Advance(state, NoDays, Statuses(ComponentStatus.Operational), [], Midnight.AddHours(1));

        Assert.Equal(UptimeAccounting.Days, changed.Count);
        Assert.Equal(Today.AddDays(-89), changed[0].Date);
    }

    [Fact]
    public void The_percentage_weighs_major_outages_fully_partial_ones_at_30_percent_and_degraded_not_at_all()
    {
        var seconds = new long[5];
        seconds[(int)ComponentStatus.Operational] = 86_400 - 3_600 - 600 - 7_200;
        seconds[(int)ComponentStatus.MajorOutage] = 600;
        seconds[(int)ComponentStatus.PartialOutage] = 3_600;
        seconds[(int)ComponentStatus.DegradedPerformance] = 7_200;
        var days = new Dictionary<DateOnly, UptimeDay> { [Today] = new(Today, new Dictionary<string, StatusSeconds> { ["api"] = new(seconds) }, []) };

        var view = UptimeViewBuilder.For("api", days, Today, UptimeWeights.Default);

        // 600 + 0.3 × 3,600 = 1,680 s of 86,400: 98.055...%, shown as 98.05% (never rounded up).
        Assert.Equal("98.05% uptime over the last 90 days", view.Summary);
        Assert.Equal("u-major_outage", view.Bars[^1].CssClass);
        Assert.Equal("Major outage 10 min, partial outage 1 h, degraded performance 2 h", Assert.Single(view.EventfulDays).Minutes);
        Assert.Equal("100.00% uptime over the last 90 days", UptimeViewBuilder.For("api", days, Today, new UptimeWeights(0, 0, 0)).Summary);
        Assert.Equal("No uptime data yet", UptimeViewBuilder.For("web", days, Today, UptimeWeights.Default).Summary);
    }

    [Fact]
    public void A_component_younger_than_90_days_is_measured_since_it_was_added_and_says_so()
    {
        var seconds = new long[5];
        seconds[(int)ComponentStatus.Operational] = 120;
        seconds[(int)ComponentStatus.MajorOutage] = 480;
        var days = new Dictionary<DateOnly, UptimeDay> { [Today] = new(Today, new Dictionary<string, StatusSeconds> { ["api"] = new(seconds) }, []) };

        var minutesOld = UptimeViewBuilder.For("api", days, Today, UptimeWeights.Default, Midnight.AddHours(9).AddMinutes(50));
        var weekOld = UptimeViewBuilder.For("api", days, Today, UptimeWeights.Default, Midnight.AddDays(-7));
        var old = UptimeViewBuilder.For("api", days, Today, UptimeWeights.Default, Midnight.AddDays(-200));

        Assert.Equal("20.00% uptime since 09:50 UTC today, when it was added", minutesOld.Summary);
        Assert.Equal("20.00% uptime since 18 Nov 2026, when it was added", weekOld.Summary);
        Assert.Equal("20.00% uptime over the last 90 days", old.Summary);
        Assert.DoesNotContain("90 days", minutesOld.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Days_before_a_component_was_added_count_as_no_data()
    {
        var seconds = new long[5];
        seconds[(int)ComponentStatus.MajorOutage] = 86_400;
        var yesterday = Today.AddDays(-1);
        var days = new Dictionary<DateOnly, UptimeDay>
        {
            [yesterday] = new(yesterday, new Dictionary<string, StatusSeconds> { ["api"] = new(seconds) }, []),
            [Today] = new(Today, new Dictionary<string, StatusSeconds> { ["api"] = new(Enum.GetValues<ComponentStatus>().Select(s => s == ComponentStatus.Operational ? 3_600L : 0L).ToArray()) }, []),
        };

        var view = UptimeViewBuilder.For("api", days, Today, UptimeWeights.Default, Midnight);

        Assert.Equal("u-none", view.Bars[^2].CssClass);
        Assert.StartsWith("100.00% uptime since", view.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Publishes_a_fraction_of_a_second_apart_lose_no_time()
    {
        var state = new UptimeState(Midnight.AddHours(1), Statuses(ComponentStatus.Operational), []);
        var days = new Dictionary<DateOnly, UptimeDay>();
        for (var i = 1; i <= 50; i++)
        {
            var (next, changed) = UptimeAccounting.Advance(state, days, Statuses(ComponentStatus.Operational), [], Midnight.AddHours(1).AddMilliseconds(300 * i));
            foreach (var day in changed)
            {
                days[day.Date] = day;
            }

            state = next;
        }

        Assert.Equal(15, days[Today].Components["api"][ComponentStatus.Operational]); // 50 × 0.3 s
        Assert.Equal(Midnight.AddHours(1).AddSeconds(15), state.AccountedUntil);
    }

    [Fact]
    public void A_day_names_only_the_incidents_that_affected_that_component()
    {
        var seconds = new long[5];
        seconds[(int)ComponentStatus.Operational] = 86_400;
        var components = new Dictionary<string, StatusSeconds> { ["api"] = new(seconds), ["web"] = new(seconds) };
        var days = new Dictionary<DateOnly, UptimeDay> { [Today] = new(Today, components, [new DayIncident("inc1", "Web sign-in failing", ["web"])]) };

        var api = UptimeViewBuilder.For("api", days, Today, UptimeWeights.Default);
        var web = UptimeViewBuilder.For("web", days, Today, UptimeWeights.Default);

        Assert.Empty(api.EventfulDays);
        Assert.Null(api.Bars[^1].Title);
        Assert.Equal(["Web sign-in failing"], Assert.Single(web.EventfulDays).Incidents);
        Assert.Equal("25 Nov 2026: No downtime; Web sign-in failing", web.Bars[^1].Title);
    }

    [Fact]
    public void An_incident_that_spreads_to_more_components_is_named_on_each_of_them_that_day()
    {
        var state = new UptimeState(Midnight.AddHours(1), Statuses(ComponentStatus.Operational), [new DayIncident("inc1", "Errors", ["api"])]);
        var (next, first) = UptimeAccounting.Advance(state, NoDays, Statuses(ComponentStatus.MajorOutage), [new DayIncident("inc1", "Errors", ["api"])], Midnight.AddHours(2));
        var days = first.ToDictionary(d => d.Date);

        var (_, second) = UptimeAccounting.Advance(next, days, Statuses(ComponentStatus.MajorOutage), [new DayIncident("inc1", "Errors", ["web"])], Midnight.AddHours(3));

        var incident = Assert.Single(second.Single(d => d.Date == Today).Incidents);
        Assert.Equal(["api", "web"], incident.ComponentIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_chart_draws_each_run_of_days_of_one_kind_as_one_dashed_stroke()
    {
        UptimeBarView[] bars =
        [
            .. Enumerable.Repeat(new UptimeBarView("u-none", null), 3),
            .. Enumerable.Repeat(new UptimeBarView("u-operational", null), 4),
            new("u-major_outage", "7 Nov: Major outage 12 min"),
            .. Enumerable.Repeat(new UptimeBarView("u-operational", null), 2),
        ];

        var chart = UptimeChartView.From(bars);

        // Quiet days: short bars (a 16-wide stroke at y = 16); the eventful day: a full-height bar (class t, y = 12).
        Assert.Equal(
            [new UptimePathView("u-none", "M0 16h15"), new UptimePathView("u-operational", "M15 16h20M40 16h10"), new UptimePathView("u-major_outage t", "M35 12h5")],
            chart.Paths);
        Assert.Equal(10, chart.Paths.Sum(p => UptimeChartView.DaysDrawnBy(p.D)));
    }

    private static Dictionary<string, ComponentStatus> Statuses(ComponentStatus api) => new() { ["api"] = api };
}
