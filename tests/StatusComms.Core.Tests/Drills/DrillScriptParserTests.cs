using StatusComms.Drills;
using StatusComms.Playbooks;

namespace StatusComms.Core.Tests.Drills;

public class DrillScriptParserTests
{
    private const string Valid = """
        # EU card payments failing
        Playbook: payment-failure
        Length: 60 minutes

        - T+0: Alerts fire: card payments from the EU are declined.
        - T+6: Support has 40 tickets.
        - T+15 min: A journalist asks.
        """;

    [Fact]
    public void A_script_reads_its_title_playbook_length_and_injects_in_order()
    {
        var script = DrillScriptParser.Parse("payment-failure", Valid, id => id == "payment-failure");

        Assert.Equal("EU card payments failing", script.Title);
        Assert.Equal("payment-failure", script.PlaybookId);
        Assert.Equal(TimeSpan.FromMinutes(60), script.Length);
        Assert.Equal([0, 6, 15], script.Injects.Select(i => (int)i.At.TotalMinutes));
        Assert.Equal("Support has 40 tickets.", script.Injects[1].Text);
    }

    [Theory]
    [InlineData("Playbook: payment-failure", "Playbook: nope", "line 2: there is no playbook \"nope\"")]
    [InlineData("- T+15 min: A journalist asks.", "- T+3: A journalist asks.", "line 7: injects are in time order")]
    [InlineData("- T+15 min: A journalist asks.", "- T+61: A journalist asks.", "comes after the drill's length")]
    [InlineData("Length: 60 minutes", "Length: soon", "line 3: \"soon\" is not a length")]
    [InlineData("- T+6: Support has 40 tickets.", "At six, support has 40 tickets.", "line 6: a line is")]
    [InlineData("Length: 60 minutes", "", "needs a \"# Title\", a \"Playbook:\" line and a \"Length:\" line")]
    public void A_mistake_is_refused_with_its_line(string line, string replacement, string expected)
    {
        var refused = Assert.Throws<InvalidPlaybookException>(() => DrillScriptParser.Parse("payment-failure", Valid.Replace(line, replacement, StringComparison.Ordinal), id => id == "payment-failure"));

        Assert.StartsWith("Drill payment-failure.md, line ", refused.Message, StringComparison.Ordinal);
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Participants_are_read_one_per_line_with_an_optional_role_and_refused_with_the_line()
    {
        var people = DrillParticipant.ParseLines("Ana Lopez <ana@example.com>, comms lead\r\n\r\nBen <ben@example.com>\n");

        Assert.Equal([("Ana Lopez", "ana@example.com", (PlaybookRole?)PlaybookRole.CommsLead), ("Ben", "ben@example.com", null)], people.Select(p => (p.Name, p.Email, p.Role)));
        Assert.Contains("line 2", Assert.Throws<StatusComms.Common.DomainRuleException>(() => DrillParticipant.ParseLines("Ana <ana@example.com>\nBen ben@example.com")).Message, StringComparison.Ordinal);
        Assert.Contains("not a role", Assert.Throws<StatusComms.Common.DomainRuleException>(() => DrillParticipant.ParseLines("Ana <ana@example.com>, janitor")).Message, StringComparison.Ordinal);
        Assert.Contains("not an e-mail address", Assert.Throws<StatusComms.Common.DomainRuleException>(() => DrillParticipant.ParseLines("Ana <ana@@example.com>")).Message, StringComparison.Ordinal);
    }
}
