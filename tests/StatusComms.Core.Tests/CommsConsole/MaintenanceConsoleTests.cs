using StatusComms.CommsConsole;
using StatusComms.Maintenance;
using StatusComms.Messages;

namespace StatusComms.Core.Tests.CommsConsole;

public class MaintenanceConsoleTests
{
    private static readonly DateTimeOffset From = Given.Now.AddHours(1);
    private static readonly DateTimeOffset Until = Given.Now.AddHours(3);

    [Fact]
    public void Before_the_work_begins_the_page_offers_to_start_update_extend_or_cancel_it()
    {
        var maintenance = Schedule(autoTransition: true);

        Assert.Equal([MaintenanceAction.Start, MaintenanceAction.Update, MaintenanceAction.Extend, MaintenanceAction.Cancel], MaintenanceConsole.Offered(maintenance, Given.Now));
    }

    [Fact]
    public void Once_the_work_has_started_the_page_offers_to_complete_it_and_no_longer_to_cancel_it()
    {
        var maintenance = Schedule(autoTransition: true);
        maintenance.PostUpdate(MaintenanceStatus.InProgress, "Started.", "lead", From);

        Assert.Equal([MaintenanceAction.Complete, MaintenanceAction.Update, MaintenanceAction.Extend], MaintenanceConsole.Offered(maintenance, From.AddMinutes(5)));
    }

    [Fact]
    public void A_window_that_opened_by_itself_can_still_be_announced_as_started_but_no_longer_cancelled()
    {
        var maintenance = Schedule(autoTransition: true);

        Assert.Equal([MaintenanceAction.Start, MaintenanceAction.Complete, MaintenanceAction.Update, MaintenanceAction.Extend], MaintenanceConsole.Offered(maintenance, From.AddMinutes(5)));
    }

    [Fact]
    public void A_completed_maintenance_is_offered_nothing()
    {
        var maintenance = Schedule(autoTransition: true);
        maintenance.PostUpdate(MaintenanceStatus.Completed, "Cancelled.", "lead", Given.Now);

        Assert.Empty(MaintenanceConsole.Offered(maintenance, Given.Now));
    }

    [Fact]
    public void Cancelling_completes_the_maintenance_with_the_cancelled_message()
    {
        var changes = MaintenanceConsole.Changes(MaintenanceAction.Cancel, new MaintenanceActionDraft { Body = "We have cancelled it.", OverrideReason = "why" }, "Ada");

        Assert.Equal(MaintenanceStatus.Completed, changes.Status);
        Assert.Null(changes.ScheduledUntil);
        Assert.Equal("maintenance/cancelled", MaintenanceConsole.TemplateOf(MaintenanceAction.Cancel));
        Assert.Equal(("We have cancelled it.", "Ada", "why"), (changes.Body, changes.Author, changes.CandorOverrideReason));
    }

    [Fact]
    public void Extending_moves_the_end_and_keeps_the_stage()
    {
        var changes = MaintenanceConsole.Changes(MaintenanceAction.Extend, new MaintenanceActionDraft { Body = "Longer.", NewEnd = Until.AddHours(1) }, "Ada");

        Assert.Null(changes.Status);
        Assert.Equal(Until.AddHours(1), changes.ScheduledUntil);
    }

    [Fact]
    public void A_free_update_keeps_the_stage_and_the_window_even_if_a_new_end_was_typed()
    {
        var changes = MaintenanceConsole.Changes(MaintenanceAction.Update, new MaintenanceActionDraft { Body = "Halfway.", NewEnd = Until.AddHours(1) }, "Ada");

        Assert.Null(changes.Status);
        Assert.Null(changes.ScheduledUntil);
        Assert.Null(MaintenanceConsole.TemplateOf(MaintenanceAction.Update));
    }

    [Fact]
    public void A_window_that_closed_without_the_work_being_completed_needs_attention()
    {
        var maintenance = Schedule(autoTransition: false);

        Assert.Null(MaintenanceConsole.Attention(maintenance, Given.Now));
        Assert.Contains("say that the work has started", MaintenanceConsole.Attention(maintenance, From.AddMinutes(1)), StringComparison.Ordinal);
        Assert.Contains("complete it, or extend it", MaintenanceConsole.Attention(maintenance, Until), StringComparison.Ordinal);
        Assert.Null(MaintenanceConsole.Attention(Schedule(autoTransition: true), Until));
    }

    [Fact]
    public void The_blanks_are_listed_in_the_order_the_text_has_them_with_what_was_typed()
    {
        var blanks = MaintenanceConsole.Blanks("During this time, [[change]]. Meanwhile, [[workaround]].", new Dictionary<string, string> { ["workaround"] = "export first" });

        Assert.Equal(["change", "workaround"], blanks.Select(b => b.Name));
        Assert.Equal(["", "export first"], blanks.Select(b => b.Value));
    }

    [Fact]
    public void Window_times_name_the_day_unless_it_is_the_day_the_window_starts()
    {
        var start = new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero);

        Assert.Equal("Saturday 5 December at 02:00 UTC", MessageLibrary.WindowTime(start, null));
        Assert.Equal("04:00 UTC", MessageLibrary.WindowTime(start.AddHours(2), start));
        Assert.Equal("Sunday 6 December at 01:00 UTC", MessageLibrary.WindowTime(start.AddHours(23), start));
    }

    private static ScheduledMaintenance Schedule(bool autoTransition)
        => ScheduledMaintenance.Schedule("mnt1", "Database upgrade", "From 11:00 to 13:00 UTC the API is read-only.", From, Until, ["api"], autoTransition, Given.Components(Given.Component("api", "API")), "lead", Given.Now);
}
