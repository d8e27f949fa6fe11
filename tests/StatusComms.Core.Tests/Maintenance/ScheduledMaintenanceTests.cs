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

    private static ScheduledMaintenance Schedule(bool autoTransition)
        => ScheduledMaintenance.Schedule("m1", "Database upgrade", "The dashboard is read-only for up to 30 minutes.", From, Until, [], autoTransition, Given.Components(), "lead", Given.Now);
}
