using StatusComms.Playbooks;

namespace StatusComms.Functions.Contracts;

/// <summary>A playbook as the management API answers it (internal, like the whole management API).</summary>
public sealed record PlaybookJson(string Id, string Title, string Scenario, string MessageKind, IReadOnlyList<string> Roles, IReadOnlyList<PlaybookStepJson> Steps)
{
    public static PlaybookJson From(Playbook playbook)
        => new(playbook.Id, playbook.Title, playbook.Scenario, playbook.MessageKind, playbook.Roles.Select(PlaybookRoles.Name).ToArray(), playbook.Steps.Select(PlaybookStepJson.From).ToArray());
}

/// <param name="DeadlineMinutes">Minutes after the start the step must be done by; null where no deadline matters.</param>
public sealed record PlaybookStepJson(int Number, string Title, IReadOnlyList<string> Actions, string Owner, string Result, int? DeadlineMinutes, string? Message)
{
    public static PlaybookStepJson From(PlaybookStep step)
        => new(step.Number, step.Title, step.Actions, PlaybookRoles.Name(step.Owner), step.Result, step.Deadline is { } d ? (int)d.TotalMinutes : null, step.Message);
}

/// <summary>
/// Body of POST and PATCH incidents/{id}/playbook: <c>{"playbook": "payment-failure", "people": {"comms lead": "Ada"}}</c>
/// (the playbook only when starting; people by role name, as the playbook writes them).
/// </summary>
public sealed record PlaybookRunRequest
{
    public string? Playbook { get; init; }
    public IReadOnlyDictionary<string, string>? People { get; init; }

    public IReadOnlyDictionary<PlaybookRole, string> PeopleByRole()
        => (People ?? new Dictionary<string, string>()).ToDictionary(
            p => PlaybookRoles.Parse(p.Key) ?? throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "No such role", $"\"{p.Key}\" is not a role; roles are {string.Join(", ", PlaybookRoles.All)}."),
            p => p.Value);
}

/// <summary>An incident's checklist: the playbook's steps with who holds each, when each is due, and who ticked it when.</summary>
public sealed record PlaybookChecklistJson(string IncidentId, string Playbook, string Title, DateTimeOffset StartedAt, string StartedBy, IReadOnlyDictionary<string, string> People, IReadOnlyList<ChecklistStepJson> Steps)
{
    public static PlaybookChecklistJson From(PlaybookChecklist checklist)
        => new(
            checklist.Run.IncidentId,
            checklist.Playbook.Id,
            checklist.Playbook.Title,
            checklist.Run.StartedAt,
            checklist.Run.StartedBy,
            checklist.Run.People.ToDictionary(p => PlaybookRoles.Name(p.Key), p => p.Value),
            checklist.Steps.Select(s => new ChecklistStepJson(
                s.Step.Number, s.Step.Title, PlaybookRoles.Name(s.Step.Owner), s.Person, s.Step.Result, s.DueAt, s.Step.Message,
                s.Done is null ? (s.Overdue ? "overdue" : "open") : (s.Late ? "done_late" : "done"), s.Done?.By, s.Done?.At)).ToArray());
}

/// <param name="State"><c>open</c>, <c>overdue</c>, <c>done</c> or <c>done_late</c>.</param>
public sealed record ChecklistStepJson(int Number, string Title, string Owner, string? Person, string Result, DateTimeOffset? DueAt, string? Message, string State, string? DoneBy, DateTimeOffset? DoneAt);
