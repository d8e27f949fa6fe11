using StatusComms.Candor;
using StatusComms.Incidents;

namespace StatusComms.Core.Tests.Candor;

public class CandorCheckTests
{
    private const string Good = "About 30% of API requests in the EU region fail with error 503 since 09:40 UTC. Retrying usually works. We are moving traffic to healthy servers. Next update by 10:30 UTC.";
    private static readonly CandorCheck Check = new(new CandorOptions());

    [Fact]
    public void A_specific_honest_update_has_no_findings()
        => Assert.Empty(Findings(Draft(Good)));

    [Theory]
    [InlineData("We are experiencing technical difficulties with the API in the EU region.", "technical difficulties")]
    [InlineData("The API in the EU region is having some issues.", "having some issues")]
    [InlineData("Some users may experience errors with the API in the EU region.", "Some users may experience")]
    [InlineData("We are seeing intermittent issues with the API in the EU region.", "intermittent issues")]
    [InlineData("We are aware of a service disruption affecting the API in the EU region.", "service disruption")]
    public void Vague_phrasing_is_an_error_that_points_at_the_words(string body, string words)
    {
        var finding = Assert.Single(Findings(Draft(body)), f => f.RuleId == "vague-phrase");

        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(words, body.Substring(finding.Start, finding.Length), StringComparer.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrWhiteSpace(finding.Suggestion));
    }

    [Theory]
    [InlineData("We are looking into it.")]
    [InlineData("We're aware and investigating.")]
    public void A_message_that_only_says_we_are_on_it_is_an_error(string body)
        => Assert.Contains(Findings(Draft(body)), f => f.RuleId == "whole-message-vague" && f.Severity == FindingSeverity.Error);

    [Fact]
    public void A_message_without_scope_is_an_error()
        => Assert.Contains(Findings(Draft("Things are failing. We are working on a fix and will report back.", components: []) with { Title = "Errors" }), f => f.RuleId == "no-scope");

    [Fact]
    public void Naming_an_affected_component_is_scope()
        => Assert.DoesNotContain(Findings(Draft("Card payments fail at checkout. We are rolling back a change.", components: ["Card payments"])), f => f.RuleId == "no-scope");

    [Fact]
    public void An_unresolved_update_needs_a_next_update_time()
        => Assert.Contains(Findings(Draft(Good, next: null)), f => f.RuleId == "next-update-missing");

    [Fact]
    public void A_next_update_time_in_the_past_is_an_error()
        => Assert.Contains(Findings(Draft(Good, next: -5)), f => f.RuleId == "next-update-past");

    [Theory]
    [InlineData(IncidentImpact.Critical, 31, true)]
    [InlineData(IncidentImpact.Critical, 30, false)]
    [InlineData(IncidentImpact.Major, 61, true)]
    [InlineData(IncidentImpact.Minor, 120, false)]
    [InlineData(IncidentImpact.Minor, 121, true)]
    public void The_next_update_must_come_within_the_cadence_for_the_impact(IncidentImpact impact, int minutes, bool tooLate)
        => Assert.Equal(tooLate, Findings(Draft(Good, impact: impact, next: minutes)).Any(f => f.RuleId == "next-update-too-late"));

    [Fact]
    public void The_cadence_is_configurable()
    {
        var relaxed = new CandorCheck(new CandorOptions { CadenceMinutes = new() { [IncidentImpact.Critical] = 90 } });

        Assert.DoesNotContain(relaxed.Check(Draft(Good, impact: IncidentImpact.Critical, next: 80)), f => f.RuleId == "next-update-too-late");
    }

    [Fact]
    public void A_resolved_update_needs_an_apology()
    {
        const string body = "Card payments in the EU region work again. They failed for 52 minutes.";

        Assert.Contains(Findings(Draft(body, IncidentStatus.Resolved, next: null, components: ["Card payments"])), f => f.RuleId == "apology-missing");
        Assert.DoesNotContain(Findings(Draft(body + " We're sorry.", IncidentStatus.Resolved, next: null, components: ["Card payments"])), f => f.RuleId == "apology-missing");
    }

    [Fact]
    public void A_boilerplate_apology_is_an_error_and_does_not_count_as_an_apology()
    {
        var findings = Findings(Draft("Card payments in the EU region work again. We apologize for any inconvenience.", IncidentStatus.Resolved, next: null));

        Assert.Contains(findings, f => f.RuleId == "boilerplate-apology");
        Assert.Contains(findings, f => f.RuleId == "apology-missing");
    }

    [Theory]
    [InlineData(IncidentImpact.Critical, true)]
    [InlineData(IncidentImpact.Major, true)]
    [InlineData(IncidentImpact.Minor, false)]
    public void Minimizing_words_are_an_error_on_major_and_critical_incidents(IncidentImpact impact, bool flagged)
        => Assert.Equal(flagged, Findings(Draft("A small number of API requests in the EU region fail. " + Good, impact: impact)).Any(f => f.RuleId == "minimizing"));

    [Theory]
    [InlineData("This will never happen again.")]
    [InlineData("The API will be fixed in 10 minutes.")]
    public void Promises_nobody_can_keep_are_errors(string sentence)
        => Assert.Contains(Findings(Draft(Good + " " + sentence)), f => f.RuleId == "overpromise");

    [Fact]
    public void An_estimate_with_its_basis_is_not_an_overpromise()
        => Assert.DoesNotContain(Findings(Draft(Good + " We expect the API will be back within 30 minutes, once the rollback finishes.")), f => f.RuleId == "overpromise");

    [Theory]
    [InlineData("This was caused by human error.")]
    [InlineData("Dave deployed a bad configuration.")]
    [InlineData("An engineer forgot to renew the certificate.")]
    [InlineData("The change should have been tested first.")]
    [InlineData("Obviously the alert was too quiet.")]
    public void Blame_and_hindsight_are_errors(string sentence)
        => Assert.Contains(Findings(Draft(Good + " " + sentence)), f => f.RuleId == "blame" && f.Severity == FindingSeverity.Error);

    [Fact]
    public void One_unexplained_term_warns_and_several_are_an_error()
    {
        var one = Findings(Draft(Good + " We restarted the load balancer."));
        var many = Findings(Draft(Good + " BGP route leak caused OOM-killed pods on the ingress."));

        Assert.All(one.Where(f => f.RuleId == "jargon"), f => Assert.Equal(FindingSeverity.Warning, f.Severity));
        Assert.Contains(one, f => f.RuleId == "jargon");
        Assert.Contains(many, f => f.RuleId == "jargon" && f.Severity == FindingSeverity.Error);
    }

    [Fact]
    public void A_term_explained_in_brackets_is_fine()
        => Assert.DoesNotContain(Findings(Draft(Good + " The load balancer (which spreads requests across servers) was restarted.")), f => f.RuleId == "jargon");

    [Fact]
    public void Hard_reading_is_flagged_with_the_grade()
    {
        const string dense = "Consequently, intermittent unavailability characterized authentication infrastructure operations, necessitating comprehensive reconfiguration of distributed authorization components across geographically dispersed European availability infrastructure.";

        var finding = Assert.Single(Findings(Draft(dense + " " + Good)), f => f.RuleId == "readability");

        Assert.Contains("grade", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Postmortem_action_items_need_substance_an_owner_and_a_date()
    {
        var draft = Draft("We're sorry: for 52 minutes, card payments in the EU region failed.", IncidentStatus.Postmortem, next: null) with
        {
            IsPostmortemDocument = true,
            ActionItems =
            [
                new("Improve documentation", "Docs team", new DateOnly(2026, 12, 15)),
                new("Add a check that blocks configuration changes removing a payment route", null, new DateOnly(2026, 12, 15)),
                new("Page the payments on-call when EU card failures exceed 5% for 2 minutes", "Payments team", null),
                new("Add a check that blocks configuration changes removing a payment route", "Payments team", new DateOnly(2026, 12, 15)),
            ],
        };

        var findings = Findings(draft);

        Assert.Equal(["action-item-vague"], findings.Where(f => f.Field == "action_items[0]").Select(f => f.RuleId));
        Assert.Equal(["action-item-owner-missing"], findings.Where(f => f.Field == "action_items[1]").Select(f => f.RuleId));
        Assert.Equal(["action-item-due-missing"], findings.Where(f => f.Field == "action_items[2]").Select(f => f.RuleId));
        Assert.DoesNotContain(findings, f => f.Field == "action_items[3]");
    }

    [Fact]
    public void A_postmortem_without_action_items_is_an_error()
        => Assert.Contains(Findings(Draft("We're sorry: for 52 minutes, card payments in the EU region failed.", IncidentStatus.Postmortem, next: null) with { IsPostmortemDocument = true }), f => f.RuleId == "action-items-missing");

    [Fact]
    public void A_status_update_at_the_postmortem_stage_is_checked_for_its_words_only()
        => Assert.DoesNotContain(Findings(Draft("We're sorry: for 52 minutes, card payments in the EU region failed. The full postmortem is below.", IncidentStatus.Postmortem, next: null)), f => f.RuleId.StartsWith("action-item", StringComparison.Ordinal));

    [Fact]
    public void An_unfilled_template_placeholder_blocks_publishing()
    {
        var body = Good + " Customers can [[workaround]] meanwhile.";

        var finding = Assert.Single(Findings(Draft(body)), f => f.RuleId == "placeholder-unfilled");

        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal("[[workaround]]", body.Substring(finding.Start, finding.Length));
    }

    private static IReadOnlyList<CandorFinding> Findings(CandorDraft draft) => Check.Check(draft);

    private static CandorDraft Draft(
        string body,
        IncidentStatus stage = IncidentStatus.Investigating,
        IncidentImpact impact = IncidentImpact.Major,
        int? next = 30,
        string[]? components = null)
        => new()
        {
            Title = "API errors in the EU region",
            Body = body,
            Stage = stage,
            Impact = impact,
            AffectedComponents = components ?? ["API"],
            NextUpdateAt = next is { } minutes ? Given.Now.AddMinutes(minutes) : null,
            Now = Given.Now,
        };
}
