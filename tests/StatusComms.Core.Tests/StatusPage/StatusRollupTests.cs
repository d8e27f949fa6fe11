using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Maintenance;
using StatusComms.StatusPage;

namespace StatusComms.Core.Tests.StatusPage;

public class StatusRollupTests
{
    private static readonly Component Api = Given.Component("api", "API", groupId: "core");
    private static readonly Component Dashboard = Given.Component("dash", "Dashboard", groupId: "core");
    private static readonly Component Core = Given.Component("core", "Core", isGroup: true);
    private static readonly Component[] All = [Api, Dashboard, Core];

    [Fact]
    public void All_operational_means_no_indicator()
    {
        var rollup = StatusRollup.Compute(All, [], [], Given.Now);

        Assert.Equal(PageIndicator.None, rollup.Indicator);
        Assert.Equal("All Systems Operational", rollup.Description);
    }

    [Fact]
    public void A_component_shows_the_worst_of_its_open_incidents()
    {
        var known = Given.Components(All);
        var one = Given.OpenIncident(known, new() { ["api"] = ComponentStatus.DegradedPerformance });
        var two = Incident.Open("inc2", "Second", Given.Update("API down", components: new() { ["api"] = ComponentStatus.MajorOutage }), null, null, known, Given.Now);

        var rollup = StatusRollup.Compute(All, [one, two], [], Given.Now);

        Assert.Equal(ComponentStatus.MajorOutage, rollup.DisplayedStatus("api"));
        Assert.Equal(ComponentStatus.Operational, rollup.DisplayedStatus("dash"));
        Assert.Equal(ComponentStatus.MajorOutage, rollup.DisplayedStatus("core"));
        Assert.Equal(PageIndicator.Critical, rollup.Indicator);
        Assert.Equal("Major System Outage", rollup.Description);
    }

    [Fact]
    public void A_resolved_incident_no_longer_counts()
    {
        var known = Given.Components(All);
        var incident = Given.OpenIncident(known, new() { ["api"] = ComponentStatus.MajorOutage });
        incident.PostUpdate(Given.Update("Fixed. We're sorry.", IncidentStatus.Resolved), known, Given.Now.AddHours(1));

        var rollup = StatusRollup.Compute(All, [incident], [], Given.Now.AddHours(1));

        Assert.Equal(ComponentStatus.Operational, rollup.DisplayedStatus("api"));
        Assert.Equal(PageIndicator.None, rollup.Indicator);
    }

    [Fact]
    public void Active_maintenance_shows_under_maintenance_and_the_maintenance_indicator()
    {
        var maintenance = Maintenance(Given.Now.AddMinutes(-10), Given.Now.AddMinutes(50));

        var rollup = StatusRollup.Compute(All, [], [maintenance], Given.Now);

        Assert.Equal(ComponentStatus.UnderMaintenance, rollup.DisplayedStatus("dash"));
        Assert.Equal(PageIndicator.Maintenance, rollup.Indicator);
        Assert.Equal("Service Under Maintenance", rollup.Description);
    }

    [Fact]
    public void An_outage_outranks_maintenance()
    {
        var known = Given.Components(All);
        var incident = Given.OpenIncident(known, new() { ["dash"] = ComponentStatus.PartialOutage });
        var maintenance = Maintenance(Given.Now.AddMinutes(-10), Given.Now.AddMinutes(50));

        var rollup = StatusRollup.Compute(All, [incident], [maintenance], Given.Now);

        Assert.Equal(ComponentStatus.PartialOutage, rollup.DisplayedStatus("dash"));
        Assert.Equal(PageIndicator.Major, rollup.Indicator);
    }

    [Fact]
    public void Upcoming_maintenance_changes_nothing_yet()
    {
        var maintenance = Maintenance(Given.Now.AddHours(1), Given.Now.AddHours(2));

        var rollup = StatusRollup.Compute(All, [], [maintenance], Given.Now);

        Assert.Equal(ComponentStatus.Operational, rollup.DisplayedStatus("dash"));
        Assert.Equal(PageIndicator.None, rollup.Indicator);
    }

    [Fact]
    public void A_component_set_degraded_by_hand_raises_the_indicator()
    {
        Component[] components = [Given.Component("api", "API", ComponentStatus.DegradedPerformance), Dashboard];

        var rollup = StatusRollup.Compute(components, [], [], Given.Now);

        Assert.Equal(PageIndicator.Minor, rollup.Indicator);
        Assert.Equal("Minor Service Outage", rollup.Description);
    }

    [Fact]
    public void An_incident_with_impact_but_no_components_still_raises_the_indicator()
    {
        var incident = Incident.Open("i", "Login slow", Given.Update("Logins are slow."), IncidentImpact.Major, null, Given.Components(All), Given.Now);

        var rollup = StatusRollup.Compute(All, [incident], [], Given.Now);

        Assert.Equal(PageIndicator.Major, rollup.Indicator);
        Assert.Equal("Partial System Outage", rollup.Description);
    }

    private static ScheduledMaintenance Maintenance(DateTimeOffset from, DateTimeOffset until)
        => ScheduledMaintenance.Schedule("m1", "Database upgrade", "Dashboard read-only for up to 30 minutes.", from, until, ["dash"], autoTransition: true, Given.Components(All), "lead", Given.Now.AddDays(-1));
}
