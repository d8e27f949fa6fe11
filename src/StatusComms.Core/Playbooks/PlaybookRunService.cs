using StatusComms.Common;
using StatusComms.Incidents;

namespace StatusComms.Playbooks;

/// <summary>Runs incidents from playbooks: start with the people named to its roles, tick steps, read the checklist.</summary>
public sealed class PlaybookRunService(PlaybookLibrary playbooks, IPlaybookRunStore runs, IIncidentStore incidents, TimeProvider time)
{
    /// <returns>The checklist, or null when there is no such incident.</returns>
    public async Task<PlaybookChecklist?> StartAsync(string incidentId, string playbookId, IReadOnlyDictionary<PlaybookRole, string> people, string by, CancellationToken cancellationToken)
    {
        var playbook = playbooks.Find(playbookId) ?? throw new DomainRuleException($"There is no playbook '{playbookId}'. Playbooks: {string.Join(", ", playbooks.All.Select(p => p.Id))}.");
        if (await incidents.GetAsync(incidentId, cancellationToken) is not { } incident)
        {
            return null;
        }

        var run = PlaybookRun.Start(incident.Id, playbook, incident.StartedAt, people, by);
        if (!await runs.TryAddAsync(run, cancellationToken))
        {
            throw new ConcurrencyConflictException($"This incident is already run from a playbook. Name people to its roles or tick its steps instead.");
        }

        return new PlaybookChecklist(playbook, run, run.States(playbook, time.GetUtcNow()));
    }

    public async Task<PlaybookChecklist?> GetAsync(string incidentId, CancellationToken cancellationToken)
        => await runs.GetAsync(incidentId, cancellationToken) is { } run && playbooks.Find(run.PlaybookId) is { } playbook
            ? new PlaybookChecklist(playbook, run, run.States(playbook, time.GetUtcNow()))
            : null;

    /// <summary>Ticks a step, or names people (when <paramref name="step"/> is null); re-read and applied again if someone else changed the run meanwhile.</summary>
    public Task<PlaybookChecklist?> ChangeAsync(string incidentId, int? step, IReadOnlyDictionary<PlaybookRole, string> people, string by, CancellationToken cancellationToken)
        => LatestVersion.ApplyAsync(null, async () =>
        {
            if (await runs.GetAsync(incidentId, cancellationToken) is not { } run || playbooks.Find(run.PlaybookId) is not { } playbook)
            {
                return null;
            }

            var now = time.GetUtcNow();
            run.Assign(playbook, people);
            if (step is { } number)
            {
                run.Tick(playbook, number, by, now);
            }

            await runs.SaveAsync(run, run.Version!, cancellationToken);
            return new PlaybookChecklist(playbook, run, run.States(playbook, now));
        }, time, cancellationToken);
}

public sealed record PlaybookChecklist(Playbook Playbook, PlaybookRun Run, IReadOnlyList<StepState> Steps);
