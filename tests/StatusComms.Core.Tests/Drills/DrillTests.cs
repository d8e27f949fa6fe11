using StatusComms.Candor;
using StatusComms.Common;
using StatusComms.Drills;
using StatusComms.Incidents;
using StatusComms.Playbooks;

namespace StatusComms.Core.Tests.Drills;

public class DrillTests
{
    private static readonly Playbook Playbook = PlaybookParser.Parse("payment-failure", """
        # Payment failure
        Scenario: card payments fail.
        Messages: outage

        ## 1. Take the roles
        - Owner: incident commander
        - Result: roles are named.
        - Deadline: 5 minutes

        ## 2. Post the first public update
        - Owner: comms lead
        - Result: the page says what fails.
        - Deadline: 10 minutes
        - Message: outage/investigating

        ## 3. Publish the postmortem
        - Owner: incident commander
        - Result: published.
        - Deadline: 5 days
        """, _ => true);

    private static readonly DrillScript Script = DrillScriptParser.Parse("payment-failure", """
        # EU card payments failing
        Playbook: payment-failure
        Length: 60 minutes
        - T+0: Alerts fire.
        - T+6: Support has 40 tickets.
        - T+15: A journalist asks.
        """, _ => true);

    private static readonly DrillParticipant[] People = [new("Ana", "ana@example.com", PlaybookRole.CommsLead), new("Ben", "ben@example.com", PlaybookRole.IncidentCommander)];

    [Fact]
    public void The_drill_clock_runs_at_its_speed_and_reveals_each_inject_once_when_due()
    {
        var drill = Drill.Start(Script, People, 4, Given.Now, "Ana");

        Assert.Equal(Given.Now.AddMinutes(8), drill.DrillTime(Given.Now.AddMinutes(2)));
        Assert.Equal([0], drill.DueInjects(drill.DrillTime(Given.Now)));
        drill.Reveal(0, Given.Now);
        Assert.Empty(drill.DueInjects(drill.DrillTime(Given.Now.AddMinutes(1))));
        Assert.Equal([1], drill.DueInjects(drill.DrillTime(Given.Now.AddMinutes(2)))); // T+8 on the drill's clock
        Assert.Equal([1, 2], drill.DueInjects(drill.DrillTime(Given.Now.AddMinutes(4))));
        Assert.False(drill.IsOver(drill.DrillTime(Given.Now.AddMinutes(14))));
        Assert.True(drill.IsOver(drill.DrillTime(Given.Now.AddMinutes(15))));
        Assert.Equal(16, drill.Id.Length);
        Assert.Equal($"drill-{drill.Id}", drill.PageId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    public void A_drill_refuses_a_clock_it_cannot_keep(int speed)
        => Assert.Throws<DomainRuleException>(() => Drill.Start(Script, People, speed, Given.Now, "Ana"));

    [Fact]
    public void A_drill_needs_participants_each_named_once()
    {
        Assert.Throws<DomainRuleException>(() => Drill.Start(Script, [], 1, Given.Now, "Ana"));
        Assert.Throws<DomainRuleException>(() => Drill.Start(Script, [People[0], People[0] with { Name = "Ana again" }], 1, Given.Now, "Ana"));
    }

    [Fact]
    public void A_late_first_update_a_broken_promise_an_override_and_a_late_step_each_cost_points()
    {
        var drill = Drill.Start(Script, People, 1, Given.Now, "Ana");
        var known = Given.Components(Given.Component("checkout", "Checkout"));
        var incident = Incident.Open("inc1", "Card payments failing", Given.Update("Card payments in the EU are declined since 10:00 UTC.", IncidentStatus.Investigating, null, Given.Now.AddMinutes(50)), IncidentImpact.Major, Given.Now, known, Given.Now.AddMinutes(20));
        var second = incident.PostUpdate(Given.Update("A certificate expired; a new one is being installed.", IncidentStatus.Identified, null, Given.Now.AddMinutes(60)), known, Given.Now.AddMinutes(45));
        incident.RecordReview(second.Id, new CandorReview([new CandorFinding("vague-cause", FindingSeverity.Error, "body", 0, 1, "vague", "say what")], "posted in a hurry"));
        var run = PlaybookRun.Start(incident.Id, Playbook, incident.StartedAt, new Dictionary<PlaybookRole, string> { [PlaybookRole.IncidentCommander] = "Ben", [PlaybookRole.CommsLead] = "Ana" }, "Ben");
        run.Tick(Playbook, 1, "Ben", Given.Now.AddMinutes(3));
        run.Tick(Playbook, 2, "Ana", Given.Now.AddMinutes(20));
        var checklist = new PlaybookChecklist(Playbook, run, run.States(Playbook, Given.Now.AddMinutes(70)));

        var report = DrillReport.Compute(drill, Playbook, Given.Now.AddMinutes(70), [new DrillIncidentEvidence(incident, checklist, null)]);

        Assert.Equal(TimeSpan.FromMinutes(20), report.FirstUpdateAfter);
        Assert.Equal(TimeSpan.FromMinutes(10), report.FirstUpdateTarget);
        Assert.Equal(10, report.Checks[0].Points); // twice the deadline: half the points
        Assert.Equal((1, 1, 0), (report.PromisesKept, report.PromisesBroken, report.PromisesOpen)); // 10:50 promised, 10:45 posted: kept; 11:00 promised, nothing by the end at 11:10: broken
        Assert.Equal(10, report.Checks[1].Points);
        Assert.Equal(1, report.ErrorsOverridden);
        Assert.Equal(10, report.Checks[2].Points);
        Assert.Equal((1, 2), (report.StepsOnTime, report.StepsJudged)); // step 2 was ticked 20 minutes after the start, past its 10
        Assert.Contains("step 2 late", report.Checks[3].Detail, StringComparison.Ordinal);
        Assert.Equal(10, report.Checks[3].Points);
        Assert.Equal(0, report.Checks[4].Points);
        Assert.Equal(40, report.Score);
    }

    [Fact]
    public void An_action_item_counts_as_concrete_unless_the_postmortems_check_names_it()
    {
        var drill = Drill.Start(Script, People, 1, Given.Now, "Ana");
        var known = Given.Components(Given.Component("checkout", "Checkout"));
        var incident = Incident.Open("inc1", "Card payments failing", Given.Update("Card payments in the EU are declined since 10:00 UTC.", IncidentStatus.Investigating, null, Given.Now.AddMinutes(30)), IncidentImpact.Major, Given.Now, known, Given.Now.AddMinutes(5));
        incident.PostUpdate(Given.Update("Card payments work again since 10:40 UTC. We're sorry for the 40 minutes of declined payments.", IncidentStatus.Resolved), known, Given.Now.AddMinutes(20));
        var postmortem = StatusComms.Postmortems.Postmortem.Start(incident, "Ben", Given.Now.AddMinutes(25));
        postmortem.AddActionItem("Alert on certificates that expire within 30 days on every payment route", "Payments team", DateOnly.FromDateTime(Given.Now.AddDays(14).UtcDateTime), StatusComms.Postmortems.ActionItemKind.ImmediateFix, null, true, "Ben", Given.Now.AddMinutes(26));
        postmortem.AddActionItem("Rotate the EU gateway certificate automatically before it expires", null, DateOnly.FromDateTime(Given.Now.AddDays(30).UtcDateTime), StatusComms.Postmortems.ActionItemKind.ImmediateFix, null, true, "Ben", Given.Now.AddMinutes(27));
        var impact = StatusComms.Postmortems.ImpactAnalysis.Compute(incident, 0);
        // The second item has no owner: the check names it, once, and the first stays concrete.
        var findings = new[] { CandorFinding.Missing("action-item-owner-missing", FindingSeverity.Error, "action_items[1]", "Nobody owns it.", "Name the team.") };
        var details = new StatusComms.Postmortems.PostmortemDetails(postmortem, incident, impact, StatusComms.Postmortems.PostmortemTimeline.Build(incident, postmortem.Content), StatusComms.Postmortems.CustomerSummary.Build(incident, postmortem.Content, impact), findings);

        var report = DrillReport.Compute(drill, Playbook, Given.Now.AddMinutes(60), [new DrillIncidentEvidence(incident, null, details)]);

        Assert.Equal((2, 1), (report.ActionItems, report.ActionItemsConcrete));
        Assert.Equal(DrillReport.PointsPerCheck / 2, report.Checks[4].Points);
        Assert.Equal("Drafted, with 2 action items: 1 concrete, owned and dated.", report.Checks[4].Detail);
    }

    [Fact]
    public void Nothing_done_scores_nothing()
    {
        var drill = Drill.Start(Script, People, 1, Given.Now, "Ana");

        var report = DrillReport.Compute(drill, Playbook, Given.Now.AddMinutes(60), []);

        Assert.Equal(0, report.Score);
        Assert.Equal("No public update was posted.", report.Checks[0].Detail);
    }

    [Fact]
    public async Task Mail_reaches_the_participants_only_and_says_it_is_a_drill()
    {
        var inner = new Recording();
        var sender = new ParticipantsOnlyMailSender(inner, ["ana@example.com"]);
        var empty = new Dictionary<string, string>();
        var batch = new StatusComms.Notifications.MailBatch(new("status@example.com", null), "Investigating: payments", "t", "h", [new("customer@example.com", empty, empty, empty), new("ANA@example.com", empty, empty, empty)], empty, "incident");

        await sender.SendAsync(batch, CancellationToken.None);
        await sender.SendAsync(batch with { Recipients = [batch.Recipients[0]] }, CancellationToken.None);

        var sent = Assert.Single(inner.Sent);
        Assert.Equal(["ANA@example.com"], sent.Recipients.Select(r => r.Email));
        Assert.Equal("[Drill] Investigating: payments", sent.Subject);
    }

    private sealed class Recording : StatusComms.Notifications.IMailSender
    {
        public List<StatusComms.Notifications.MailBatch> Sent { get; } = [];

        public Task<StatusComms.Notifications.MailSendResult> SendAsync(StatusComms.Notifications.MailBatch mail, CancellationToken cancellationToken)
        {
            Sent.Add(mail);
            return Task.FromResult(StatusComms.Notifications.MailSendResult.Accepted("m"));
        }
    }
}
