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
