using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Infrastructure.Tables;
using StatusComms.Promises;

namespace StatusComms.Infrastructure.Tests.Notifications;

/// <summary>The promise watch against the stores on Azurite: once per promise and stage, across instances; a failed send is tried again.</summary>
public sealed class PromiseWatchTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Due = new(2026, 12, 3, 10, 30, 0, TimeSpan.Zero);
    private readonly StatusTable _table = new(Azurite.NewTable(), "acme");
    private readonly FakeTimeProvider _clock = new(Due.AddMinutes(-30));
    private readonly Recording _team = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _table.Client.DeleteAsync();

    [Fact]
    public async Task Two_instances_at_once_nudge_once_per_stage_and_a_new_promise_nudges_again()
    {
        var incidents = new TableIncidentStore(_table);
        var incident = await OpenAsync(incidents, "Card payments failing in the EU");
        var first = Watch(incidents, _team);
        var second = Watch(incidents, _team);

        _clock.SetUtcNow(Due.AddMinutes(-6));
        Assert.Empty(await first.RunAsync(CancellationToken.None));
        _clock.SetUtcNow(Due.AddMinutes(-4));
        await Task.WhenAll(first.RunAsync(CancellationToken.None), second.RunAsync(CancellationToken.None));
        _clock.SetUtcNow(Due.AddMinutes(1));
        await Task.WhenAll(first.RunAsync(CancellationToken.None), second.RunAsync(CancellationToken.None));
        await first.RunAsync(CancellationToken.None);

        Assert.Equal([(NudgeStage.DueSoon, 4), (NudgeStage.Overdue, -1)], _team.Sent.Select(n => (n.Stage, n.MinutesLeft)));

        // The next update makes a new promise, which is owed nudges of its own.
        incident = (await incidents.GetAsync(incident.Id, CancellationToken.None))!;
        incident.PostUpdate(new IncidentCommand { Status = IncidentStatus.Identified, Body = "An expired certificate on the EU gateway; a new one goes in at 10:45 UTC.", NextUpdateAt = Due.AddMinutes(30), Author = "lead" }, new Dictionary<string, Component>(), _clock.GetUtcNow());
        await incidents.SaveAsync(incident, incident.Version!, CancellationToken.None);
        _clock.SetUtcNow(Due.AddMinutes(31));
        await first.RunAsync(CancellationToken.None);

        Assert.Equal(3, _team.Sent.Count);
        Assert.Equal(incident.Updates[^1].Id, _team.Sent[^1].UpdateId);
        Assert.Equal(NudgeStage.Overdue, _team.Sent[^1].Stage); // the "due soon" moment was missed: only the overdue nudge
    }

    [Fact]
    public async Task A_nudge_no_channel_delivered_is_tried_again_the_next_minute()
    {
        var incidents = new TableIncidentStore(_table);
        await OpenAsync(incidents, "Search slow");
        var failing = new Recording { Fail = true };
        var watch = Watch(incidents, failing);
        _clock.SetUtcNow(Due.AddMinutes(-3));

        Assert.Empty(await watch.RunAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await watch.RunAsync(CancellationToken.None));
        failing.Fail = false;
        _clock.Advance(TimeSpan.FromMinutes(1));
        var sent = await watch.RunAsync(CancellationToken.None);

        Assert.Equal(NudgeStage.DueSoon, Assert.Single(sent).Stage);
        Assert.Equal(3, failing.Attempts);
    }

    [Fact]
    public void Chat_payloads_are_what_Slack_and_Teams_take_with_the_words_escaped_for_each()
    {
        var nudge = new Nudge("inc1", "Login <fails> & \"SSO\"", "u1", NudgeStage.Overdue, Due, Due.AddMinutes(2), new Uri("https://admin.acme.test/console/incidents/inc1"));

        var slack = JsonNode.Parse(ChatNudgeChannel.Payload(nudge, ChatFormat.Slack))!;
        var teams = JsonNode.Parse(ChatNudgeChannel.Payload(nudge, ChatFormat.Teams))!;

        var text = (string)slack["text"]!;
        Assert.StartsWith("*Next update overdue: Login &lt;fails&gt; &amp; \"SSO\"*\n", text, StringComparison.Ordinal);
        Assert.Contains("promised for 10:30 UTC and has not been posted", text, StringComparison.Ordinal);
        Assert.EndsWith("<https://admin.acme.test/console/incidents/inc1|Open the incident in the console>", text, StringComparison.Ordinal);
        Assert.Equal("MessageCard", (string)teams["@type"]!);
        Assert.Equal("Next update overdue: Login <fails> & \"SSO\"", (string)teams["title"]!);
        Assert.Equal("https://admin.acme.test/console/incidents/inc1", (string)teams["potentialAction"]![0]!["targets"]![0]!["uri"]!);
    }

    [Fact]
    public async Task An_overdue_playbook_step_nudges_once_naming_its_owner_and_what_it_must_achieve()
    {
        var incidents = new TableIncidentStore(_table);
        var incident = await OpenAsync(incidents, "Card payments failing");
        var runs = Runs(incidents);
        await runs.StartAsync(incident.Id, "payment-failure", new Dictionary<StatusComms.Playbooks.PlaybookRole, string> { [StatusComms.Playbooks.PlaybookRole.CommsLead] = "Grace Hopper" }, "Ada", CancellationToken.None);
        await runs.ChangeAsync(incident.Id, 1, new Dictionary<StatusComms.Playbooks.PlaybookRole, string>(), "Ada", CancellationToken.None);
        var watch = Watch(incidents, _team);

        _clock.SetUtcNow(incident.StartedAt.AddMinutes(9));
        await watch.RunAsync(CancellationToken.None);
        _clock.SetUtcNow(incident.StartedAt.AddMinutes(11));
        await watch.RunAsync(CancellationToken.None);
        await watch.RunAsync(CancellationToken.None);

        var step = Assert.Single(_team.Sent);
        Assert.Equal(NudgeStage.StepOverdue, step.Stage);
        Assert.Equal("Playbook step 2 overdue: Card payments failing", NudgeWords.Subject(step));
        Assert.StartsWith("Step 2 of the playbook, \"Post the first public update\", was due by", NudgeWords.Body(step), StringComparison.Ordinal);
        Assert.Contains("Owner: comms lead (Grace Hopper). It must achieve: the status page says what fails", NudgeWords.Body(step), StringComparison.Ordinal);
    }

    private StatusComms.Playbooks.PlaybookRunService Runs(TableIncidentStore incidents)
    {
        var messages = new StatusComms.Infrastructure.Templates.RazorLightMessageRenderer(Path.Combine(AppContext.BaseDirectory, "templates"));
        var library = StatusComms.Infrastructure.Templates.PlaybookFolder.Load(Path.Combine(AppContext.BaseDirectory, "templates", "playbooks"), id => messages.TemplateIds.Contains(id));
        return new(library, new TablePlaybookRunStore(_table), incidents, _clock);
    }

    private PromiseWatch Watch(TableIncidentStore incidents, INudgeChannel channel)
        => new(incidents, Runs(incidents), new TableNudgeLedger(_table), [channel], new NudgeOptions(TimeSpan.FromMinutes(5), new Uri("https://admin.acme.test/console/")), _clock, NullLogger<PromiseWatch>.Instance);

    private async Task<Incident> OpenAsync(TableIncidentStore incidents, string name)
    {
        var incident = Incident.Open(StatusComms.Common.Ids.NewId(), name, new IncidentCommand { Status = IncidentStatus.Investigating, Body = $"{name}: 3 of 10 requests fail.", NextUpdateAt = Due, Author = "lead" }, null, null, new Dictionary<string, Component>(), _clock.GetUtcNow());
        await incidents.AddAsync(incident, CancellationToken.None);
        return incident;
    }

    private sealed class Recording : INudgeChannel
    {
        public List<Nudge> Sent { get; } = [];

        public bool Fail { get; set; }

        public int Attempts { get; private set; }

        public string Name => "recording";

        public Task<NudgeOutcome> SendAsync(Nudge nudge, CancellationToken cancellationToken)
        {
            lock (Sent)
            {
                Attempts++;
                if (Fail)
                {
                    // One way of failing, then the other: an answer saying so, and a sender that throws.
                    return Attempts == 1 ? Task.FromResult(new NudgeOutcome(false, "the chat answered 500")) : throw new HttpRequestException("connection reset");
                }

                Sent.Add(nudge);
                return Task.FromResult(new NudgeOutcome(true));
            }
        }
    }
}
