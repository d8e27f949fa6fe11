using StatusComms.Playbooks;

namespace StatusComms.Core.Tests.Playbooks;

public class PlaybookParserTests
{
    private const string Valid = """
        # Payment failure
        Scenario: card payments fail for many customers.
        Messages: outage

        ## 1. Take the roles
        Name the incident commander in the channel.
        - Owner: incident commander
        - Result: everyone knows who decides.
        - Deadline: 5 minutes

        ## 2. Post the first public update
        - Owner: Comms Lead
        - Result: the page says what fails.
        - Deadline: 10 min
        - Message: outage/investigating

        ## 3. Notify the regulator
        - Owner: legal/privacy
        - Result: the notification is sent.
        - Deadline: 72 hours
        """;

    [Fact]
    public void A_playbook_reads_as_its_steps_in_order_with_owners_results_deadlines_and_messages()
    {
        var playbook = PlaybookParser.Parse("payment-failure", Valid, id => id == "outage/investigating");

        Assert.Equal("Payment failure", playbook.Title);
        Assert.Equal("outage", playbook.MessageKind);
        Assert.Equal([1, 2, 3], playbook.Steps.Select(s => s.Number));
        Assert.Equal(["Name the incident commander in the channel."], playbook.Steps[0].Actions);
        Assert.Equal([PlaybookRole.IncidentCommander, PlaybookRole.CommsLead, PlaybookRole.LegalPrivacy], playbook.Roles);
        Assert.Equal([TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromHours(72)], playbook.Steps.Select(s => s.Deadline));
        Assert.Equal("outage/investigating", playbook.Steps[1].Message);
    }

    [Theory]
    [InlineData("- Owner: incident commander", "- Owner: intern", "line 7: \"intern\" is not a role; roles are incident commander, comms lead, tech lead, scribe, legal/privacy, support.")]
    [InlineData("## 2. Post the first public update", "## 3. Post the first public update", "line 11: steps are numbered in order: this one should be 2.")]
    [InlineData("- Deadline: 10 min", "- Deadline: soon", "line 14: \"soon\" is not a deadline")]
    [InlineData("- Message: outage/investigating", "- Message: outage/panicking", "line 15: there is no message template \"outage/panicking\"")]
    [InlineData("- Result: the notification is sent.", "", "line 17: step 3 needs \"- Owner:\" and \"- Result:\" lines.")]
    [InlineData("Messages: outage", "", "line 1: a playbook needs a \"# Title\", a \"Scenario:\" line and a \"Messages:\" line")]
    public void A_mistake_is_refused_with_the_file_and_line(string line, string replacement, string expected)
    {
        var broken = Valid.Replace(line, replacement, StringComparison.Ordinal);

        var refused = Assert.Throws<InvalidPlaybookException>(() => PlaybookParser.Parse("payment-failure", broken, id => id == "outage/investigating"));

        Assert.StartsWith("Playbook payment-failure.md, ", refused.Message, StringComparison.Ordinal);
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }
}
