using StatusComms.Common;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Maintenance;
using StatusComms.StatusPage;

namespace StatusComms.Core.Tests.Common;

public class WireNameTests
{
    [Fact]
    public void Component_statuses_use_Statuspage_spellings()
        => Assert.Equal(["operational", "under_maintenance", "degraded_performance", "partial_outage", "major_outage"], WireName.AllOf<ComponentStatus>());

    [Fact]
    public void Incident_statuses_use_Statuspage_spellings()
        => Assert.Equal(["investigating", "identified", "monitoring", "resolved", "postmortem"], WireName.AllOf<IncidentStatus>());

    [Fact]
    public void Maintenance_statuses_use_Statuspage_spellings()
        => Assert.Equal(["scheduled", "in_progress", "verifying", "completed"], WireName.AllOf<MaintenanceStatus>());

    [Fact]
    public void Indicators_and_impacts_use_Statuspage_spellings()
    {
        Assert.Equal(["none", "maintenance", "minor", "major", "critical"], WireName.AllOf<PageIndicator>());
        Assert.Equal(["none", "minor", "major", "critical"], WireName.AllOf<IncidentImpact>());
    }

    [Fact]
    public void Parsing_round_trips_and_refuses_unknown_spellings()
    {
        Assert.Equal(ComponentStatus.PartialOutage, WireName.Parse<ComponentStatus>("partial_outage"));
        Assert.False(WireName.TryParse<ComponentStatus>("PartialOutage", out _));
        Assert.Throws<FormatException>(() => WireName.Parse<IncidentStatus>("fixed"));
    }

    [Theory]
    [InlineData("abc123", true)]
    [InlineData("a-b_c", true)]
    [InlineData("", false)]
    [InlineData("a|b", false)]
    [InlineData("a~", false)]
    [InlineData("ABC", false)]
    [InlineData("../x", false)]
    public void Ids_are_checked_before_they_reach_a_key(string id, bool wellFormed)
        => Assert.Equal(wellFormed, Ids.IsWellFormed(id));

    [Fact]
    public void New_ids_are_twelve_lowercase_alphanumerics()
    {
        var id = Ids.NewId();
        Assert.Matches("^[a-z0-9]{12}$", id);
        Assert.NotEqual(id, Ids.NewId());
    }
}
