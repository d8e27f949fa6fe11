using Microsoft.Extensions.Logging;
using StatusComms.Common;
using StatusComms.Playbooks;

namespace StatusComms.Drills;

public interface IDrillStore
{
    Task AddAsync(Drill drill, CancellationToken cancellationToken);

    Task<Drill?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every drill, newest first.</summary>
    Task<IReadOnlyList<Drill>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Saves the drill if it is still at <paramref name="expectedVersion"/>; else <see cref="ConcurrencyConflictException"/>.</summary>
    Task SaveAsync(Drill drill, string expectedVersion, CancellationToken cancellationToken);
}

/// <summary>The sandbox pages drills run on, as the host builds them: each with its own page id, site folder and mail to the participants only.</summary>
public interface IDrillPages
{
    /// <summary>Copies the real page's components to the sandbox page and subscribes the participants to it, then publishes it.</summary>
    Task PrepareAsync(Drill drill, CancellationToken cancellationToken);

    /// <summary>The sandbox page's incidents, with their checklists and postmortems.</summary>
    Task<IReadOnlyList<DrillIncidentEvidence>> EvidenceAsync(Drill drill, CancellationToken cancellationToken);

    /// <summary>The sandbox page's minute: publishes what changed, nudges about its promises, hands its mail on.</summary>
    Task TickAsync(Drill drill, CancellationToken cancellationToken);

    /// <summary>Mails the participants, and nobody else; false when the mail was not taken.</summary>
    Task<bool> TellParticipantsAsync(Drill drill, string subject, string text, CancellationToken cancellationToken);

    /// <summary>The drill has ended: this instance stops routing requests to its sandbox page at once.</summary>
    void Ended(Drill drill);
}

/// <summary>One row of the drill history: the drill, and how its score compares with the last drill of the same playbook.</summary>
public sealed record DrillHistoryRow(Drill Drill, int? ScoreChange);

/// <summary>Starts drills from their scripts, reveals their injects on their clocks, and scores them at the end.</summary>
public sealed partial class DrillService(DrillLibrary scripts, PlaybookLibrary playbooks, IDrillStore store, IDrillPages pages, TimeProvider time, ILogger<DrillService> logger)
{
    public const string Schedule = "StatusComms drill";

    public IReadOnlyList<DrillScript> Scripts => scripts.All;

    /// <param name="speed">The clock's speed; null: the one the script is written for.</param>
    public async Task<Drill> StartAsync(string scriptId, IReadOnlyList<DrillParticipant> participants, int? speed, string by, CancellationToken cancellationToken)
    {
        var script = scripts.Find(scriptId) ?? throw new DomainRuleException($"There is no drill script '{scriptId}'. Scripts: {string.Join(", ", scripts.All.Select(s => s.Id))}.");
        var drill = Drill.Start(script, participants, speed ?? script.Speed, time.GetUtcNow(), by);
        await store.AddAsync(drill, cancellationToken);
        await pages.PrepareAsync(drill, cancellationToken);
        return await AdvanceAsync(drill, cancellationToken);
    }

    public Task<Drill?> GetAsync(string id, CancellationToken cancellationToken)
        => Drill.IsWellFormedId(id) ? store.GetAsync(id, cancellationToken) : Task.FromResult<Drill?>(null);

    /// <summary>Every drill, newest first, each ended one with the change in score since the last drill of its playbook.</summary>
    public async Task<IReadOnlyList<DrillHistoryRow>> HistoryAsync(CancellationToken cancellationToken)
    {
        var drills = await store.ListAsync(cancellationToken);
        return drills.Select(d => new DrillHistoryRow(d, d.Report is { } report
            ? drills.Where(o => o.StartedAt < d.StartedAt && o.Report is not null && o.Script.PlaybookId == d.Script.PlaybookId).MaxBy(o => o.StartedAt) is { Report: { } before } ? report.Score - before.Score : null
            : null)).ToArray();
    }

    public Playbook? PlaybookOf(Drill drill) => playbooks.Find(drill.Script.PlaybookId);

    /// <summary>The drill's clock now.</summary>
    public DateTimeOffset NowIn(Drill drill) => drill.DrillTime(time.GetUtcNow());

    /// <summary>Every minute: each running drill reveals its due injects, runs its sandbox page's minute, and ends when its length has passed.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var running = (await store.ListAsync(cancellationToken)).Where(d => d.IsRunning).ToArray();
        foreach (var drill in running)
        {
            try
            {
                var advanced = await AdvanceAsync(drill, cancellationToken);
                await pages.TickAsync(advanced, cancellationToken);
                if (advanced.IsOver(NowIn(advanced)))
                {
                    await EndAsync(advanced.Id, Schedule, cancellationToken);
                }
            }
            catch (ConcurrencyConflictException)
            {
                // Another instance moved this drill meanwhile; it did this minute's work.
            }
        }

        return running.Length;
    }

    /// <summary>Ends the drill and scores it from what happened on its sandbox page.</summary>
    public async Task<Drill?> EndAsync(string id, string by, CancellationToken cancellationToken)
    {
        if (await GetAsync(id, cancellationToken) is not { } drill)
        {
            return null;
        }

        var now = NowIn(drill);
        var report = DrillReport.Compute(drill, PlaybookOf(drill), now, await pages.EvidenceAsync(drill, cancellationToken));
        drill.End(report, by, now);
        await store.SaveAsync(drill, drill.Version!, cancellationToken);
        pages.Ended(drill);
        LogEnded(logger, drill.Id, report.Score);
        return drill;
    }

    /// <summary>Reveals the injects due on the drill's clock: saved first (so one instance reveals each), then mailed to the participants.</summary>
    private async Task<Drill> AdvanceAsync(Drill drill, CancellationToken cancellationToken)
    {
        var now = NowIn(drill);
        var due = drill.DueInjects(now);
        if (due.Count == 0)
        {
            return drill;
        }

        foreach (var index in due)
        {
            drill.Reveal(index, now);
        }

        await store.SaveAsync(drill, drill.Version!, cancellationToken);
        foreach (var index in due)
        {
            var inject = drill.Script.Injects[index];
            var subject = $"[Drill] T+{inject.At.TotalMinutes:0}: {Clip(inject.Text)}";
            var text = $"Drill \"{drill.Script.Title}\", T+{inject.At.TotalMinutes:0} minutes:\n\n{inject.Text}\n\nThis is a drill. Work it in the console as on the real day: what you post goes to the drill's sandbox page and its participants only.";
            if (!await pages.TellParticipantsAsync(drill, subject, text, cancellationToken))
            {
                LogInjectNotMailed(logger, drill.Id, index);
            }
        }

        return drill;
    }

    private static string Clip(string text) => text.Length > 70 ? text[..70] + "…" : text;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drill {DrillId}: inject {Index} is revealed in the console but its mail to the participants was not taken")]
    private static partial void LogInjectNotMailed(ILogger logger, string drillId, int index);

    [LoggerMessage(Level = LogLevel.Information, Message = "Drill {DrillId} ended with a score of {Score}")]
    private static partial void LogEnded(ILogger logger, string drillId, int score);
}
