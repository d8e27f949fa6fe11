using StatusComms.Functions.Hosting;
using StatusComms.Playbooks;

namespace StatusComms.Functions.Tests.Startup;

public class StartupFailureTests
{
    [Fact]
    public void A_broken_playbook_found_at_start_is_one_line_naming_its_file_and_line()
    {
        var broken = Assert.Throws<InvalidPlaybookException>(() => PlaybookParser.Parse("payment-failure", "# Payment failure\nScenario: card payments fail.\nMessages: outage\n\n## 1. Take the roles\n- Owner: intern\n- Result: roles are taken.", _ => true));
        using var error = new StringWriter();

        // As the host throws it: from a hosted service's start, inside an AggregateException.
        var code = StartupFailure.Report(new AggregateException(new InvalidOperationException("Hosted service failed", broken)), error);

        Assert.Equal(2, code);
        Assert.Equal("StatusComms cannot start: Playbook payment-failure.md, line 6: \"intern\" is not a role; roles are incident commander, comms lead, tech lead, scribe, legal/privacy, support.", error.ToString().Trim());
        Assert.Null(StartupFailure.Report(new InvalidOperationException("something else"), error));
    }
}
