using StatusComms.Common;

namespace StatusComms.Playbooks;

/// <summary>
/// An incident run from a playbook: the people named to its roles, and its checklist, each step ticked by whom and
/// when. A step is overdue once its deadline after <see cref="StartedAt"/> has passed without a tick. Internal, like
/// the playbook: never on the public site, never in a customer mail.
/// </summary>
public sealed class PlaybookRun
{
    public const int MaxNameLength = 100;

    private readonly Dictionary<PlaybookRole, string> _people = [];
    private readonly Dictionary<int, StepTick> _ticks = [];

    private PlaybookRun(string incidentId, string playbookId, DateTimeOffset startedAt, string startedBy)
    {
        IncidentId = incidentId;
        PlaybookId = playbookId;
        StartedAt = startedAt;
        StartedBy = startedBy;
    }

    public string IncidentId { get; }

    public string PlaybookId { get; }

    public DateTimeOffset StartedAt { get; }

    public string StartedBy { get; }

    public IReadOnlyDictionary<PlaybookRole, string> People => _people;

    public IReadOnlyDictionary<int, StepTick> Ticks => _ticks;

    /// <summary>The stored version (ETag); null until stored.</summary>
    public string? Version { get; private set; }

    /// <summary>Starts the checklist, counting deadlines from <paramref name="startedAt"/> (when the incident began), with the people named to its roles.</summary>
    public static PlaybookRun Start(string incidentId, Playbook playbook, DateTimeOffset startedAt, IReadOnlyDictionary<PlaybookRole, string> people, string by)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        var run = new PlaybookRun(incidentId, playbook.Id, startedAt, by);
        run.Assign(playbook, people);
        return run;
    }

    /// <summary>Names people to roles (a name replaces the one before); every role must be one the playbook uses.</summary>
    public void Assign(Playbook playbook, IReadOnlyDictionary<PlaybookRole, string> people)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        ArgumentNullException.ThrowIfNull(people);
        foreach (var (role, name) in people)
        {
            if (!playbook.Roles.Contains(role))
            {
                throw new DomainRuleException($"The {playbook.Title} playbook has no {PlaybookRoles.Name(role)}; its roles are {string.Join(", ", playbook.Roles.Select(PlaybookRoles.Name))}.");
            }

            if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength)
            {
                throw new DomainRuleException($"Name a person for the {PlaybookRoles.Name(role)} (1 to {MaxNameLength} characters).");
            }

            _people[role] = name.Trim();
        }
    }

    /// <summary>Ticks step <paramref name="number"/> as done by <paramref name="by"/> at <paramref name="at"/>; a step is ticked once.</summary>
    public StepTick Tick(Playbook playbook, int number, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        if (number < 1 || number > playbook.Steps.Count)
        {
            throw new DomainRuleException($"The {playbook.Title} playbook has steps 1 to {playbook.Steps.Count}.");
        }

        if (_ticks.TryGetValue(number, out var done))
        {
            throw new DomainRuleException($"Step {number} was ticked by {done.By} at {done.At.UtcDateTime:HH:mm} UTC.");
        }

        return _ticks[number] = new StepTick(by, at);
    }

    /// <summary>Each step of <paramref name="playbook"/> as it stands at <paramref name="now"/>.</summary>
    public IReadOnlyList<StepState> States(Playbook playbook, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        return playbook.Steps.Select(step =>
        {
            var due = step.Deadline is { } d ? StartedAt + d : (DateTimeOffset?)null;
            var tick = _ticks.GetValueOrDefault(step.Number);
            return new StepState(step, _people.GetValueOrDefault(step.Owner), due, tick, tick is null && due <= now, tick is not null && due is { } by && tick.At > by);
        }).ToArray();
    }

    public static PlaybookRun Rehydrate(string incidentId, string playbookId, DateTimeOffset startedAt, string startedBy, IReadOnlyDictionary<PlaybookRole, string> people, IReadOnlyDictionary<int, StepTick> ticks, string version)
    {
        var run = new PlaybookRun(incidentId, playbookId, startedAt, startedBy) { Version = version };
        foreach (var (role, name) in people)
        {
            run._people[role] = name;
        }

        foreach (var (number, tick) in ticks)
        {
            run._ticks[number] = tick;
        }

        return run;
    }

    public void MarkSaved(string version) => Version = version;
}

public sealed record StepTick(string By, DateTimeOffset At);

/// <param name="Person">Who holds the step's role, if someone was named.</param>
/// <param name="DueAt">When it must be done by, where a deadline matters.</param>
/// <param name="Overdue">Not done, and its deadline has passed.</param>
/// <param name="Late">Done, after its deadline.</param>
public sealed record StepState(PlaybookStep Step, string? Person, DateTimeOffset? DueAt, StepTick? Done, bool Overdue, bool Late);

public interface IPlaybookRunStore
{
    Task<PlaybookRun?> GetAsync(string incidentId, CancellationToken cancellationToken);

    /// <summary>Stores a new run; false when the incident already has one.</summary>
    Task<bool> TryAddAsync(PlaybookRun run, CancellationToken cancellationToken);

    /// <summary>Saves the run if it is still at <paramref name="expectedVersion"/>; else <see cref="ConcurrencyConflictException"/>.</summary>
    Task SaveAsync(PlaybookRun run, string expectedVersion, CancellationToken cancellationToken);
}
