using Microsoft.Extensions.Logging;
using StatusComms.Incidents;

namespace StatusComms.Promises;

/// <summary>
/// Keeps the promise of the next update. Run every minute by a timer, it finds open incidents whose latest update
/// promised a next update that is near (<see cref="NudgeOptions.Lead"/>, 5 minutes by default) or past, and the
/// overdue steps of the playbooks they run from, and tells the comms team once per promise and stage and once per
/// step: by mail to the configured internal addresses and by the team's incoming webhook (Slack or Microsoft Teams). The claim is stored before anything is sent, so two instances or a restart
/// never nudge twice; when every channel failed the claim is let go and the next minute tries again.
/// </summary>
public sealed partial class PromiseWatch(
    IIncidentStore incidents,
    Playbooks.PlaybookRunService playbooks,
    INudgeLedger ledger,
    IEnumerable<INudgeChannel> channels,
    NudgeOptions options,
    TimeProvider time,
    ILogger<PromiseWatch> logger)
{
    private readonly INudgeChannel[] _channels = [.. channels];

    /// <summary>The nudges this run sent (for the timer's log and the tests).</summary>
    public async Task<IReadOnlyList<Nudge>> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sent = new List<Nudge>();
        if (_channels.Length == 0)
        {
            return sent;
        }

        foreach (var incident in await incidents.ListOpenAsync(cancellationToken))
        {
            var owed = new List<Nudge>();
            if (Due(incident, now) is { } promise)
            {
                owed.Add(promise);
            }

            if (await playbooks.GetAsync(incident.Id, cancellationToken) is { } checklist)
            {
                owed.AddRange(checklist.Steps.Where(s => s.Overdue).Select(s => new Nudge(incident.Id, incident.Name, $"step{s.Step.Number}", NudgeStage.StepOverdue, s.DueAt!.Value, now, options.ConsoleUrl(incident.Id), s)));
            }

            foreach (var nudge in owed)
            {
                if (await SendAsync(nudge, now, cancellationToken))
                {
                    sent.Add(nudge);
                }
            }
        }

        return sent;
    }

    /// <summary>Claims the nudge and sends it on every channel; false when it was claimed before or no channel took it (the claim is then let go).</summary>
    private async Task<bool> SendAsync(Nudge nudge, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await ledger.TryClaimAsync(nudge.Key, now, cancellationToken))
        {
            return false; // Already told, by this instance or another.
        }

        var delivered = 0;
        foreach (var channel in _channels)
        {
            NudgeOutcome outcome;
            try
            {
                outcome = await channel.SendAsync(nudge, cancellationToken);
            }
#pragma warning disable CA1031 // A channel that throws is a channel that did not deliver: the claim is let go below and the next minute tries again.
            catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
            {
                outcome = new NudgeOutcome(false, exception.Message);
            }

            if (outcome.Delivered)
            {
                delivered++;
            }
            else
            {
                LogChannelFailed(logger, channel.Name, nudge.IncidentId, outcome.Reason ?? "no reason given");
            }
        }

        if (delivered == 0)
        {
            await ledger.ReleaseAsync(nudge.Key, cancellationToken);
            return false;
        }

        LogNudged(logger, nudge.Stage, nudge.IncidentId, nudge.DueAt);
        return true;
    }

    /// <summary>
    /// The nudge an open incident is owed now, if any: overdue once its latest update's promise has passed, due soon
    /// within the lead before it; nothing for an incident whose latest update promised nothing.
    /// </summary>
    public Nudge? Due(Incident incident, DateTimeOffset now)
    {
        if (incident.NextUpdateAt is not { } due || incident.LatestUpdate is not { } latest)
        {
            return null;
        }

        var stage = now >= due ? NudgeStage.Overdue : now >= due - options.Lead ? NudgeStage.DueSoon : (NudgeStage?)null;
        return stage is { } s ? new Nudge(incident.Id, incident.Name, latest.Id, s, due, now, options.ConsoleUrl(incident.Id)) : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Nudged the comms team: the next update of incident {IncidentId} is {Stage} (promised for {DueAt:u})")]
    private static partial void LogNudged(ILogger logger, NudgeStage stage, string incidentId, DateTimeOffset dueAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Channel} nudge for incident {IncidentId} was not delivered: {Reason}")]
    private static partial void LogChannelFailed(ILogger logger, string channel, string incidentId, string reason);
}

public enum NudgeStage
{
    /// <summary>The promised time is within the lead.</summary>
    DueSoon,

    /// <summary>The promised time has passed with no update.</summary>
    Overdue,

    /// <summary>A step of the playbook the incident runs from is past its deadline and not ticked.</summary>
    StepOverdue,
}

/// <param name="UpdateId">The update that made the promise (a new update makes a new promise, and nudges of its own), or "step{n}" for a playbook step.</param>
/// <param name="ConsoleUrl">The incident's page in the console, where the next update is posted.</param>
/// <param name="Step">The overdue playbook step, for <see cref="NudgeStage.StepOverdue"/>.</param>
public sealed record Nudge(string IncidentId, string IncidentName, string UpdateId, NudgeStage Stage, DateTimeOffset DueAt, DateTimeOffset At, Uri ConsoleUrl, Playbooks.StepState? Step = null)
{
    /// <summary>Once per promise and stage, once per playbook step.</summary>
    public string Key => $"{IncidentId}|{UpdateId}|{(Stage == NudgeStage.DueSoon ? "soon" : "overdue")}";

    /// <summary>Whole minutes until the promised time (negative once past).</summary>
    public int MinutesLeft => (int)Math.Round((DueAt - At).TotalMinutes, MidpointRounding.AwayFromZero);
}

/// <param name="Lead">How long before the promised time the "due soon" nudge goes out. Default 5 minutes.</param>
/// <param name="ConsoleBase">The console's address ("https://status-admin.example.com/console/").</param>
public sealed record NudgeOptions(TimeSpan Lead, Uri ConsoleBase)
{
    public Uri ConsoleUrl(string incidentId) => new(ConsoleBase, $"incidents/{Uri.EscapeDataString(incidentId)}");
}

/// <summary>Where the team is told: internal mail, a chat webhook.</summary>
public interface INudgeChannel
{
    string Name { get; }

    Task<NudgeOutcome> SendAsync(Nudge nudge, CancellationToken cancellationToken);
}

public sealed record NudgeOutcome(bool Delivered, string? Reason = null);

/// <summary>Which nudges have gone out: one stored claim per key, so each is sent once across instances and restarts.</summary>
public interface INudgeLedger
{
    /// <summary>True if this caller claimed <paramref name="key"/>; false if it was claimed before.</summary>
    Task<bool> TryClaimAsync(string key, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Lets a claim go, after nothing could be delivered, so the next run tries again.</summary>
    Task ReleaseAsync(string key, CancellationToken cancellationToken);
}
