using StatusComms.Candor;

namespace StatusComms.Core.Tests.Candor;

/// <summary>Promises of the next update as people write them, resolved against a known moment.</summary>
public class NextUpdatePromisesTests
{
    // Wednesday 25 November 2026, 10:00 UTC (02:00 in Los Angeles, 11:00 in Berlin).
    private static readonly DateTimeOffset Now = Given.Now;
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;

    [Theory]
    [InlineData("Next update in 30 minutes.", 30)]
    [InlineData("Next update in 30 min", 30)]
    [InlineData("Next update to be provided in 30 minutes.", 30)]
    [InlineData("We will update in 20 minutes.", 20)]
    [InlineData("We will update again in one hour or less.", 60)]
    [InlineData("We'll post another update in two hours.", 120)]
    [InlineData("We will provide additional information in the next 30 minutes.", 30)]
    [InlineData("We will send the next update in 1 hour.", 60)]
    [InlineData("We will provide another update on this in 1 hour.", 60)]
    [InlineData("We will provide an update in the next 60 minutes.", 60)]
    [InlineData("We will post an update within 30 minutes.", 30)]
    [InlineData("Expect another update in ~45 minutes.", 45)]
    [InlineData("We will share more within the next 30-60 minutes.", 60)]
    [InlineData("An update will follow in half an hour.", 30)]
    [InlineData("We'll update this page within the hour.", 60)]
    [InlineData("Next update in 2h.", 120)]
    [InlineData("Updates will be provided every 30 minutes.", 30)]
    [InlineData("Updates will be posted here every hour.", 60)]
    [InlineData("We will update this page hourly until it is resolved.", 60)]
    [InlineData("We will update this incident as more information becomes available, or within 1 hour.", 60)]
    [InlineData("We will provide another update in no more than 30 minutes.", 30)]
    [InlineData("We'll check back in 45 minutes.", 45)]
    [InlineData("We'll be back with an update in 30 minutes.", 30)]
    [InlineData("We will have an update for you in 20 minutes.", 20)]
    [InlineData("Next update within 1hr.", 60)]
    [InlineData("We will continue to update at 30 minute intervals.", 30)]
    public void A_wait_is_counted_from_now(string text, int minutes)
        => Assert.Equal(Now.AddMinutes(minutes), NextUpdatePromises.Find(text, Now, Utc)?.At);

    [Theory]
    [InlineData("We'll post another update by 10:30 UTC.", "2026-11-25T10:30:00Z")]
    [InlineData("Next update by 15:15 UTC", "2026-11-25T15:15:00Z")]
    [InlineData("Next update: 11:00 UTC", "2026-11-25T11:00:00Z")]
    [InlineData("The next update follows at the top of the hour.", "2026-11-25T11:00:00Z")]
    [InlineData("We will provide an update by 3:30 AM PT.", "2026-11-25T11:30:00Z")]
    [InlineData("We will provide an update by 3:30 a.m. Pacific.", "2026-11-25T11:30:00Z")]
    [InlineData("We will provide an update by 06:00 ET.", "2026-11-25T11:00:00Z")]
    [InlineData("We will provide an update by 12:00 CET.", "2026-11-25T11:00:00Z")]
    [InlineData("We will provide an update by 11:30 (UTC+1).", "2026-11-25T10:30:00Z")]
    [InlineData("Our next update will be at 4:15 PDT.", "2026-11-25T11:15:00Z")]
    [InlineData("We will provide an update by Friday, 2022-03-18 16:00 US/Pacific with current details.", "2022-03-18T23:00:00Z")]
    [InlineData("We will provide more information by Tuesday, 2021-08-03 17:30 US/Pacific.", "2021-08-04T00:30:00Z")]
    [InlineData("We will provide an update by Friday at 09:00 UTC.", "2026-11-27T09:00:00Z")]
    [InlineData("We will provide an update tomorrow at 09:00 UTC.", "2026-11-26T09:00:00Z")]
    [InlineData("They will provide us with next update by 11:30 AM UTC.", "2026-11-25T11:30:00Z")]
    [InlineData("Next update expected at 16:00 UTC.", "2026-11-25T16:00:00Z")]
    [InlineData("We will provide an update at 10am PT.", "2026-11-25T18:00:00Z")]
    [InlineData("We will provide an update by 12:00 PM Pacific Time.", "2026-11-25T20:00:00Z")]
    public void A_clock_time_is_read_in_its_zone(string text, string expected)
        => Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), NextUpdatePromises.Find(text, Now, Utc)?.At);

    [Fact]
    public void A_time_without_a_zone_is_in_the_page_zone()
    {
        var berlin = NextUpdatePromises.Zone("Europe/Berlin");

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 11, 30, 0, TimeSpan.Zero), NextUpdatePromises.Find("Next update by 12:30.", Now, berlin)?.At);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 11, 30, 0, TimeSpan.Zero), NextUpdatePromises.Find("Next update by 11:30.", Now, Utc)?.At);
    }

    [Fact]
    public void A_clock_time_already_passed_today_is_tomorrow_unless_it_is_within_the_hour()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero), NextUpdatePromises.Find("Next update by 08:00 UTC.", Now, Utc)?.At);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero), NextUpdatePromises.Find("Next update by 09:30 UTC.", Now, Utc)?.At);
    }

    [Theory]
    [InlineData("We will provide an update shortly.")]
    [InlineData("We will provide further updates as we have more information to share.")]
    [InlineData("We will update as soon as possible.")]
    [InlineData("More updates to follow.")]
    [InlineData("We will continue to provide updates until the issue is fully resolved.")]
    [InlineData("We estimate another hour until they're all processed.")]
    [InlineData("Mitigation progress is expected by 17:30 UTC.")]
    [InlineData("The outage began at 09:40 UTC and lasted 30 minutes.")]
    [InlineData("We will provide the next update when we have a substantive update to share.")]
    [InlineData("We expect to resolve the incident in the next hour.")]
    public void Soon_later_and_estimates_are_no_promise(string text)
        => Assert.Null(NextUpdatePromises.Find(text, Now, Utc));

    [Fact]
    public void A_monitoring_update_may_promise_the_close()
    {
        var promise = NextUpdatePromises.Find("We are continuing to monitor and expect to resolve the incident in the next hour.", Now, Utc, includeClosing: true);

        Assert.Equal(PromiseKind.Closing, promise?.Kind);
        Assert.Equal(Now.AddHours(1), promise?.At);
    }

    [Fact]
    public void The_promise_that_comes_first_in_the_words_counts()
        => Assert.Equal(Now.AddMinutes(20), NextUpdatePromises.Find("We will update in 20 minutes, and updates will be posted hourly after that.", Now, Utc)?.At);

    [Fact]
    public void The_promise_keeps_its_span()
    {
        const string text = "Search is slow. Next update in 30 minutes.";

        var promise = NextUpdatePromises.Find(text, Now, Utc)!;

        Assert.Equal("Next update in 30 minutes", text.Substring(promise.Start, promise.Length));
    }
}
