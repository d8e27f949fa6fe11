using StatusComms.Common;
using StatusComms.Maintenance;

namespace StatusComms.Core.Tests.Maintenance;

public class ScheduledMaintenanceTests
{
    private static readonly DateTimeOffset From = Given.Now.AddHours(1);
    private static readonly DateTimeOffset Until = Given.Now.AddHours(2);

    [Fact]
    public void With_automatic_transitions_the_window_moves_the_stage()
    {
        var maintenance = Schedule(autoTransition: true);

        Assert.Equal(MaintenanceStatus.Scheduled, maintenance.EffectiveStatus(Given.Now));
        Assert.True(maintenance.IsUpcoming(Given.Now));
        Assert.Equal(MaintenanceStatus.InProgress, maintenance.EffectiveStatus(From));
        Assert.True(maintenance.IsActive(From.AddMinutes(30)));
        Assert.Equal(MaintenanceStatus.Completed, maintenance.EffectiveStatus(Until));
    }

    [Fact]
    public void Without_automatic_transitions_only_updates_move_the_stage()
    {
        var maintenance = Schedule(autoTransition: false);

        Assert.Equal(MaintenanceStatus.Scheduled, maintenance.EffectiveStatus(From.AddMinutes(5)));
        maintenance.PostUpdate(MaintenanceStatus.InProgress, "Started.", "lead", From.AddMinutes(6));
        Assert.Equal(MaintenanceStatus.InProgress, maintenance.EffectiveStatus(Until.AddHours(1)));
    }

    [Fact]
    public void A_completed_maintenance_takes_no_further_updates()
    {
        var maintenance = Schedule(autoTransition: false);
        maintenance.PostUpdate(MaintenanceStatus.Completed, "Done.", "lead", Until);

        Assert.Throws<DomainRuleException>(() => maintenance.PostUpdate(null, "More.", "lead", Until.AddMinutes(1)));
    }

    [Fact]
    public void Work_running_long_moves_the_end_of_the_window()
    {
        var maintenance = Schedule(autoTransition: true);

        maintenance.MoveEnd(Until.AddHours(1), Until.AddMinutes(-10));

        Assert.Equal(Until.AddHours(1), maintenance.ScheduledUntil);
        Assert.Equal(MaintenanceStatus.InProgress, maintenance.EffectiveStatus(Until.AddMinutes(30)));
        Assert.Throws<DomainRuleException>(() => maintenance.MoveEnd(From.AddHours(-1), Until));
    }

    [Fact]
    public void A_window_must_end_after_it_starts()
    {
        Assert.Throws<DomainRuleException>(() => ScheduledMaintenance.Schedule("m", "Upgrade", "Body", From, From, [], true, Given.Components(), "lead", Given.Now));
    }

    [Fact]
    public void Unknown_components_are_refused()
    {
        Assert.Throws<DomainRuleException>(() => ScheduledMaintenance.Schedule("m", "Upgrade", "Body", From, Until, ["nope"], true, Given.Components(), "lead", Given.Now));
    }

    [Fact]
    public void A_maintenance_moves_forward_only_and_says_why_when_asked_to_go_back()
    {
        var maintenance = Schedule(autoTransition: true);
        maintenance.PostUpdate(MaintenanceStatus.Verifying, "The new database is in place; we are checking every report.", "lead", From.AddMinutes(40));

        var back = Assert.Throws<DomainRuleException>(() => maintenance.PostUpdate(MaintenanceStatus.InProgress, "Back to work.", "lead", From.AddMinutes(45)));
        var toScheduled = Assert.Throws<DomainRuleException>(() => Schedule(autoTransition: true).PostUpdate(MaintenanceStatus.Scheduled, "Not yet.", "lead", From.AddMinutes(5)));

        Assert.Equal("A maintenance moves forward only: it is verifying, so it cannot go back to in progress. Post an update in its current stage saying what changed.", back.Message);
        Assert.Contains("it is in progress, so it cannot go back to scheduled", toScheduled.Message, StringComparison.Ordinal); // the window opened: in progress
        Assert.Equal(MaintenanceStatus.Verifying, maintenance.PostUpdate(null, "Reports are back; 2 of 40 still to check.", "lead", From.AddMinutes(50)).Status);
    }

    [Fact]
    public void After_its_window_closed_a_maintenance_takes_only_its_completion_or_an_extension()
    {
        var maintenance = Schedule(autoTransition: false);
        maintenance.PostUpdate(MaintenanceStatus.InProgress, "Started.", "lead", From);

        var late = Assert.Throws<DomainRuleException>(() => maintenance.PostUpdate(null, "Still working.", "lead", Until.AddMinutes(5)));
        Assert.Throws<DomainRuleException>(() => maintenance.MoveEnd(Until.AddMinutes(2), Until.AddMinutes(5))); // an extension into the past
        maintenance.MoveEnd(Until.AddMinutes(30), Until.AddMinutes(5));
        maintenance.PostUpdate(null, "The copy takes longer than planned; we now expect to finish by 12:30 UTC.", "lead", Until.AddMinutes(5));

        Assert.StartsWith("The window of this maintenance closed at", late.Message, StringComparison.Ordinal);
        Assert.Equal(MaintenanceStatus.Completed, maintenance.PostUpdate(MaintenanceStatus.Completed, "Done.", "lead", Until.AddHours(1)).Status);
    }

    [Fact]
    public void The_clock_owes_a_reminder_before_the_start_then_the_start_then_the_completion_each_once()
    {
        var maintenance = Schedule(autoTransition: true, announcedAt: Given.Now.AddMinutes(-1));
        var moves = new List<MaintenanceMove>();
        for (var at = Given.Now; at <= Until.AddMinutes(2); at = at.AddMinutes(1))
        {
            if (maintenance.DueMove(at) is var move and not MaintenanceMove.None)
            {
                maintenance.Advance(move, $"{move} at {at:HH:mm}.", at);
                moves.Add(move);
            }
        }

        Assert.Equal([MaintenanceMove.Remind, MaintenanceMove.Start, MaintenanceMove.Complete], moves);
        Assert.Equal([Given.Now, From, Until], maintenance.Updates.Skip(1).Select(u => u.CreatedAt)); // 60 minutes before, at the start, at the end
        Assert.All(maintenance.Updates.Skip(1), u => Assert.Equal(ScheduledMaintenance.ScheduleAuthor, u.Author));
        Assert.Equal(Given.Now, maintenance.RemindedAt);
        Assert.Throws<InvalidOperationException>(() => maintenance.Advance(MaintenanceMove.Complete, "Again.", Until.AddMinutes(3)));
    }

    [Fact]
    public void A_move_made_more_than_an_hour_late_is_on_the_page_but_mailed_to_nobody()
    {
        var onTime = Schedule(autoTransition: true);
        var late = Schedule(autoTransition: true);

        var started = onTime.Advance(MaintenanceMove.Start, "Started.", From.AddMinutes(1));
        var completed = late.Advance(MaintenanceMove.Complete, "Completed.", Until.AddHours(1).AddMinutes(1));

        Assert.True(started.DeliverNotifications);
        Assert.False(completed.DeliverNotifications);
        Assert.Equal(MaintenanceStatus.Completed, late.Status);
    }

    [Fact]
    public void Without_automatic_transitions_the_clock_only_reminds_and_a_reminder_can_be_turned_off()
    {
        var manual = Schedule(autoTransition: false, announcedAt: Given.Now.AddDays(-1));
        var quiet = Schedule(autoTransition: true, announcedAt: Given.Now.AddDays(-1));
        quiet.SetReminder(null, Given.Now);
        var late = Schedule(autoTransition: true); // announced 60 minutes before the start: no reminder after it

        Assert.Equal(MaintenanceMove.None, late.DueMove(From.AddMinutes(-10)));
        Assert.Equal(MaintenanceMove.Remind, manual.DueMove(From.AddMinutes(-10)));
        Assert.Equal(MaintenanceMove.None, manual.DueMove(From.AddMinutes(10)));
        Assert.Equal(MaintenanceMove.None, manual.DueMove(Until.AddMinutes(10)));
        Assert.Equal(MaintenanceMove.None, quiet.DueMove(From.AddMinutes(-10)));
        Assert.Throws<DomainRuleException>(() => quiet.SetReminder(TimeSpan.Zero, Given.Now));
    }

    private static ScheduledMaintenance Schedule(bool autoTransition, DateTimeOffset? announcedAt = null)
        => ScheduledMaintenance.Schedule("m1", "Database upgrade", "The dashboard is read-only for up to 30 minutes.", From, Until, [], autoTransition, Given.Components(), "lead", announcedAt ?? Given.Now);
}
