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
    [InlineData("Some users may experience problems with the API in the EU region.", "Some users may experience")]
    [InlineData("We are seeing intermittent issues with the API in the EU region.", "seeing intermittent issues")]
    [InlineData("We are aware of a service disruption affecting the API in the EU region.", "service disruption")]
    [InlineData("We are investigating reports of degraded performance for the API.", "degraded performance")]
    public void Vague_phrasing_is_an_error_when_nothing_else_says_what_is_wrong(string body, string words)
    {
        var finding = Assert.Single(Findings(Draft(body)), f => f.RuleId == "vague-phrase");

        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(words, body.Substring(finding.Start, finding.Length), StringComparer.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrWhiteSpace(finding.Suggestion));
    }

    [Theory]
    [InlineData("We are seeing failures in search for repositories, users and wikis since 09:40 UTC. Code search continues to work. We are working on the issue. Next update by 10:30 UTC.")]
    [InlineData("Customers may see error 502 when paying by card in the EU region since 09:40 UTC; this problem does not affect bank transfers. Next update by 10:30 UTC.")]
    public void The_words_issue_and_problem_are_fine_in_a_message_that_says_what_fails(string body)
        => Assert.DoesNotContain(Findings(Draft(body)), f => f.RuleId is "vague-phrase" or "whole-message-vague");

    [Fact]
    public void Stock_wording_inside_a_specific_message_only_warns()
    {
        var finding = Assert.Single(Findings(Draft("We are experiencing technical difficulties: card payments in the EU region fail with error 502 since 09:40 UTC. Next update by 10:30 UTC.")), f => f.RuleId == "vague-phrase");

        Assert.Equal(FindingSeverity.Warning, finding.Severity);
    }

    [Theory]
    [InlineData("We are currently investigating this issue.", IncidentStatus.Investigating)]
    [InlineData("This incident has been resolved.", IncidentStatus.Resolved)]
    [InlineData("We are looking into it.", IncidentStatus.Investigating)]
    [InlineData("We're aware and investigating.", IncidentStatus.Investigating)]
    [InlineData("We have applied a mitigation and are monitoring for recovery. We will update again in one hour or less.", IncidentStatus.Monitoring)]
    public void A_message_that_says_nothing_concrete_is_an_error(string body, IncidentStatus stage)
        => Assert.Contains(Findings(Draft(body, stage)), f => f.RuleId == "whole-message-vague" && f.Severity == FindingSeverity.Error);

    [Fact]
    public void A_message_without_scope_is_an_error()
        => Assert.Contains(Findings(Draft("Things are failing. We are working on a fix and will report back.", components: []) with { Title = "Errors" }), f => f.RuleId == "no-scope");

    [Theory]
    [InlineData("We are observing increased latency and error rates across the web application.")]
    [InlineData("Customers who pay with saved cards see declined payments.")]
    [InlineData("Requests to us-east-1 time out.")]
    [InlineData("About 4,000 accounts cannot sign in.")]
    public void Scope_is_what_people_write_it_as(string body)
        => Assert.DoesNotContain(Findings(Draft(body + " Next update in 30 minutes.", components: []) with { Title = null }), f => f.RuleId == "no-scope");

    [Fact]
    public void Naming_an_affected_component_is_scope()
        => Assert.DoesNotContain(Findings(Draft("Card payments fail at checkout. We are rolling back a change.", components: ["Card payments"])), f => f.RuleId == "no-scope");

    [Theory]
    [InlineData("We are moving traffic to healthy servers.")]
    [InlineData("We are moving traffic to healthy servers and will provide an update shortly.")]
    [InlineData("We are moving traffic to healthy servers and will share more as soon as we know more.")]
    [InlineData("We are moving traffic to healthy servers. We will continue to provide updates.")]
    public void An_unresolved_update_needs_a_next_update_time_and_soon_is_not_one(string action)
        => Assert.Contains(Findings(Draft("About 30% of API requests in the EU region fail with error 503 since 09:40 UTC. " + action, next: null)), f => f.RuleId == "next-update-missing");

    [Theory]
    [InlineData("Next update in 30 minutes.")]
    [InlineData("We will post another update by 10:30 UTC.")]
    [InlineData("We'll update this page within the hour.")]
    [InlineData("The next update follows at the top of the hour.")]
    public void A_promise_in_the_words_is_the_next_update_time(string promise)
        => Assert.DoesNotContain(Findings(Draft("About 30% of API requests in the EU region fail with error 503 since 09:40 UTC. " + promise, next: null)), f => f.RuleId.StartsWith("next-update", StringComparison.Ordinal));

    [Fact]
    public void Words_and_next_update_at_that_disagree_are_an_error_showing_both()
    {
        var finding = Assert.Single(Findings(Draft(Good, next: 50)), f => f.RuleId == "next-update-mismatch");

        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains("10:30 UTC", finding.Message, StringComparison.Ordinal);
        Assert.Contains("10:50 UTC", finding.Message, StringComparison.Ordinal);
        Assert.Equal("Next update by 10:30 UTC", Good.Substring(finding.Start, finding.Length));
        Assert.DoesNotContain(Findings(Draft(Good, next: 33)), f => f.RuleId == "next-update-mismatch");
    }

    [Fact]
    public void A_monitoring_update_may_promise_when_the_incident_closes_instead()
    {
        const string body = "Error rates for API requests in the EU region are back to normal since 09:52 UTC. We expect to resolve the incident within the next hour.";

        Assert.DoesNotContain(Findings(Draft(body, IncidentStatus.Monitoring, next: null)), f => f.RuleId == "next-update-missing");
        Assert.Contains(Findings(Draft(body, IncidentStatus.Identified, next: null)), f => f.RuleId == "next-update-missing");
    }

    [Fact]
    public void A_next_update_time_in_the_past_is_an_error()
        => Assert.Contains(Findings(Draft(Good, next: -5)), f => f.RuleId == "next-update-past");

    [Theory]
    [InlineData(IncidentImpact.Critical, 31, FindingSeverity.Warning)]
    [InlineData(IncidentImpact.Critical, 30, null)]
    [InlineData(IncidentImpact.Critical, 90, FindingSeverity.Warning)]
    [InlineData(IncidentImpact.Critical, 91, FindingSeverity.Error)]
    [InlineData(IncidentImpact.Major, 61, FindingSeverity.Warning)]
    [InlineData(IncidentImpact.Major, 240, FindingSeverity.Error)]
    [InlineData(IncidentImpact.Minor, 120, null)]
    [InlineData(IncidentImpact.Minor, 121, FindingSeverity.Warning)]
    public void Past_the_cadence_for_the_impact_warns_and_far_past_it_is_an_error(IncidentImpact impact, int minutes, FindingSeverity? expected)
    {
        var body = "About 30% of API requests in the EU region fail with error 503 since 09:40 UTC. We are moving traffic to healthy servers.";

        Assert.Equal(expected, Findings(Draft(body, impact: impact, next: minutes)).SingleOrDefault(f => f.RuleId == "next-update-too-late")?.Severity);
    }

    [Fact]
    public void The_cadence_is_configurable()
    {
        var relaxed = new CandorCheck(new CandorOptions { CadenceMinutes = new() { [IncidentImpact.Critical] = 90 } });

        Assert.DoesNotContain(relaxed.Check(Draft("About 30% of API requests in the EU region fail with error 503 since 09:40 UTC.", impact: IncidentImpact.Critical, next: 80)), f => f.RuleId == "next-update-too-late");
    }

    [Fact]
    public void A_resolved_update_needs_an_apology()
    {
        const string body = "Card payments in the EU region work again. They failed for 52 minutes.";

        Assert.Contains(Findings(Draft(body, IncidentStatus.Resolved, next: null, components: ["Card payments"])), f => f.RuleId == "apology-missing");
        Assert.DoesNotContain(Findings(Draft(body + " We're sorry.", IncidentStatus.Resolved, next: null, components: ["Card payments"])), f => f.RuleId == "apology-missing");
    }

    [Theory]
    [InlineData("We apologize for the impact to you and your customers.")]
    [InlineData("We're sorry for the disruption this caused.")]
    [InlineData("We sincerely apologise to everyone who could not pay.")]
    public void People_apologise_in_many_ways(string apology)
        => Assert.DoesNotContain(Findings(Draft("Between 09:12 and 10:04 UTC, card payments in the EU region failed. " + apology, IncidentStatus.Resolved, next: null, components: ["Card payments"])), f => f.RuleId is "apology-missing" or "boilerplate-apology");

    [Fact]
    public void A_boilerplate_apology_with_no_stated_impact_is_an_error_and_does_not_count_as_an_apology()
    {
        var findings = Findings(Draft("Card payments in the EU region work again. We apologize for any inconvenience.", IncidentStatus.Resolved, next: null));

        Assert.Contains(findings, f => f.RuleId == "boilerplate-apology" && f.Severity == FindingSeverity.Error);
        Assert.Contains(findings, f => f.RuleId == "apology-missing");
    }

    [Fact]
    public void A_boilerplate_apology_after_the_impact_is_stated_only_warns()
    {
        var findings = Findings(Draft("Between 09:12 and 10:04 UTC, card payments in the EU region failed. We apologize for any inconvenience.", IncidentStatus.Resolved, next: null));

        Assert.Contains(findings, f => f.RuleId == "boilerplate-apology" && f.Severity == FindingSeverity.Warning);
        Assert.DoesNotContain(findings, f => f.RuleId == "apology-missing");
    }

    [Theory]
    [InlineData("Card payments in the EU region work normally again. We're sorry.", "impact-missing")]
    [InlineData("The issue causing card payment failures in the EU region has been resolved. We're sorry.", "impact-window-missing")]
    public void A_resolved_message_says_what_customers_went_through_and_when(string body, string rule)
    {
        Assert.Contains(Findings(Draft(body, IncidentStatus.Resolved, next: null)), f => f.RuleId == rule && f.Severity == FindingSeverity.Error);
        Assert.DoesNotContain(Findings(Draft("Between 09:12 and 10:04 UTC, card payments in the EU region failed. We're sorry.", IncidentStatus.Resolved, next: null)), f => f.RuleId == rule);
    }

    [Theory]
    [InlineData("Between 10:02 and 10:31 UTC about a fifth of searches returned no results. Search has worked normally since 10:31 UTC. We're sorry.")]
    [InlineData("From 14:10 to 14:40 UTC order history pages came back empty for some customers. They show every order again. We're sorry.")]
    public void Results_that_came_back_empty_are_an_impact_customers_recognise(string body)
        => Assert.DoesNotContain(Findings(Draft(body, IncidentStatus.Resolved, next: null)), f => f.RuleId == "impact-missing");

    [Theory]
    [InlineData(IncidentImpact.Critical, true)]
    [InlineData(IncidentImpact.Major, true)]
    [InlineData(IncidentImpact.Minor, false)]
    public void Minimizing_words_warn_on_major_and_critical_incidents(IncidentImpact impact, bool flagged)
    {
        var findings = Findings(Draft("A small number of API requests in the EU region fail. " + Good, impact: impact));

        Assert.Equal(flagged, findings.Any(f => f.RuleId == "minimizing" && f.Severity == FindingSeverity.Warning));
    }

    [Fact]
    public void Minimizing_words_backed_by_a_figure_are_fine()
        => Assert.DoesNotContain(Findings(Draft("A small number of API requests in the EU region (0.4%) fail. " + Good, impact: IncidentImpact.Critical)), f => f.RuleId == "minimizing");

    [Theory]
    [InlineData("This will never happen again.")]
    [InlineData("We have taken steps to ensure this issue does not happen again.")]
    [InlineData("We will make sure that can't happen again.")]
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
    [InlineData("He should have set a reminder.")]
    [InlineData("Somebody (Tom) regenerated the configuration.")]
    [InlineData("An npm user launched a bot that crawled the registry.")]
    public void Blaming_a_person_is_an_error(string sentence)
        => Assert.Contains(Findings(Draft(Good + " " + sentence)), f => f.RuleId == "blame" && f.Severity == FindingSeverity.Error);

    [Theory]
    [InlineData("Of course, retries still work.")]
    [InlineData("The graph clearly shows the errors started at 09:40 UTC.")]
    [InlineData("We made a mistake: our change removed the route, and we failed to notice.")]
    [InlineData("Any manual process is prone to human error, so we are automating it.")]
    [InlineData("Our CDN provider deployed an anti-botnet mechanism.")]
    public void Blame_means_a_person_not_the_system_or_ourselves(string sentence)
        => Assert.DoesNotContain(Findings(Draft(Good + " " + sentence)), f => f.RuleId == "blame");

    [Fact]
    public void One_unexplained_term_warns_and_several_are_an_error()
    {
        var one = Findings(Draft(Good + " We restarted the hypervisor."));
        var many = Findings(Draft(Good + " BGP route leak caused OOM-killed pods on the ingress."));

        Assert.All(one.Where(f => f.RuleId == "jargon"), f => Assert.Equal(FindingSeverity.Warning, f.Severity));
        Assert.Contains(one, f => f.RuleId == "jargon");
        Assert.Contains(many, f => f.RuleId == "jargon" && f.Severity == FindingSeverity.Error);
    }

    [Theory]
    [InlineData("Requests from the EMEA and APAC regions and the load balancer in front of them were slow from 9:40 AM PT.")]
    [InlineData("The rollout of the fix to downstream services finished; the OS image is unchanged.")]
    public void Regions_time_zones_and_common_web_terms_are_not_jargon(string sentence)
        => Assert.DoesNotContain(Findings(Draft(Good + " " + sentence)), f => f.RuleId == "jargon");

    [Fact]
    public void The_page_own_component_names_are_not_jargon()
        => Assert.DoesNotContain(Findings(Draft(Good + " Kafka and the Vitess keyspace are slow.", components: ["API", "Kafka", "Vitess keyspace"])), f => f.RuleId == "jargon");

    [Fact]
    public void Postmortems_may_be_technical_so_jargon_there_only_warns()
    {
        var findings = Findings(Draft("We're sorry: from 09:40 to 10:32 UTC, card payments in the EU region failed. BGP route leak caused OOM-killed pods on the ingress.", IncidentStatus.Postmortem, next: null));

        Assert.Contains(findings, f => f.RuleId == "jargon");
        Assert.All(findings.Where(f => f.RuleId == "jargon"), f => Assert.Equal(FindingSeverity.Warning, f.Severity));
    }

    [Fact]
    public void A_term_explained_in_brackets_is_fine()
        => Assert.DoesNotContain(Findings(Draft(Good + " The hypervisor (the software that runs our virtual servers) was restarted.")), f => f.RuleId == "jargon");

    [Fact]
    public void Hard_reading_is_flagged_with_the_grade()
    {
        const string dense = "Consequently, intermittent unavailability characterized authentication infrastructure operations, necessitating comprehensive reconfiguration of distributed authorization components across geographically dispersed European availability infrastructure.";

        var finding = Assert.Single(Findings(Draft(dense + " " + Good)), f => f.RuleId == "readability");

        Assert.Contains("grade", finding.Message, StringComparison.Ordinal);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
    }

    [Theory]
    [InlineData("We are conducting a thorough review of our processes to prevent recurrence. We will improve our monitoring going forward.", true)]
    [InlineData("To prevent this from happening again, we will improve monitoring and review our deploy process.", true)]
    [InlineData("To prevent recurrence, we are adding an alert when any certificate is 30 days from expiry, and we will review our process.", false)]
    [InlineData("We are migrating the database off the single host by 15 December.", false)]
    [InlineData("We will publish a full analysis once our investigation is complete.", false)]
    [InlineData("The issue has been resolved and we will continue to monitor.", false)]
    [InlineData("We will continue to monitor closely and work with our processor on preventative measures.", true)]
    [InlineData("Our provider released a Reason for Outage, which we'll be reviewing and publishing as part of the postmortem.", false)]
    public void Follow_ups_that_commit_to_nothing_are_an_error(string followUps, bool flagged)
    {
        var body = "We're sorry: between 09:12 and 10:04 UTC, card payments in the EU region failed. " + followUps;

        Assert.Equal(flagged, Findings(Draft(body, IncidentStatus.Resolved, next: null)).Any(f => f.RuleId == "vague-follow-up" && f.Severity == FindingSeverity.Error));
    }

    [Theory]
    [InlineData("We're sorry for the 35 minutes in which card payments in the EU region failed.", true)]
    [InlineData("We're sorry: the outage lasted 8 minutes, from 09:52 to 10:00 UTC.", false)]
    [InlineData("We're sorry: card payments in the EU region failed for about 10 minutes.", false)]
    public void A_stated_duration_must_agree_with_the_incident_record(string body, bool flagged)
    {
        var draft = Draft(body, IncidentStatus.Resolved, next: null) with { ImpactStartedAt = Given.Now.AddMinutes(-8), ImpactEndedAt = Given.Now };

        var finding = Findings(draft).SingleOrDefault(f => f.RuleId == "duration-mismatch");

        Assert.Equal(flagged, finding is not null);
        if (finding is not null)
        {
            Assert.Contains("35 minutes", finding.Message, StringComparison.Ordinal);
            Assert.Contains("8 minutes", finding.Message, StringComparison.Ordinal);
        }
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
