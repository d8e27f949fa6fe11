using StatusComms.Common;
using StatusComms.Playbooks;

namespace StatusComms.Functions.Console;

/// <summary>
/// POST console/incidents/{id}/playbook: starts the incident's checklist from a playbook with the people named to its
/// roles (<c>action=start</c>, <c>playbook</c>, <c>person_{role}</c>), names people (<c>action=people</c>) or ticks
/// a step as done by the signed-in person (<c>action=tick</c>, <c>step</c>); then back to the incident, or its page
/// again with the refusal beside the form (422).
/// </summary>
public sealed class IncidentPlaybookForm(PlaybookRunService runs, PlaybookLibrary playbooks, IncidentScreen screen, ConsoleNotices notices)
{
    [Function("ConsoleIncidentPlaybook")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ConsoleIncidentPlaybook)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
    {
        if (!Ids.IsWellFormed(incidentId))
        {
            return ConsoleHttp.Page(request, IncidentScreen.NotFoundPage, StatusCodes.Status404NotFound);
        }

        var form = await ConsoleHttp.ReadFormAsync(request, cancellationToken);
        var by = Caller.NameOf(request);
        var people = Enum.GetValues<PlaybookRole>()
            .Select(role => (role, name: ConsoleHttp.Value(form, PlaybookRoles.FieldName(role))?.Trim()))
            .Where(p => p.name is { Length: > 0 })
            .ToDictionary(p => p.role, p => p.name!);
        try
        {
            var (checklist, notice) = ConsoleHttp.Value(form, "action") switch
            {
                "start" => (await StartAsync(incidentId, ConsoleHttp.Value(form, "playbook") ?? string.Empty, people, by, cancellationToken), "The checklist is started."),
                "people" => (await runs.ChangeAsync(incidentId, null, people, by, cancellationToken), "Saved who holds each role."),
                "tick" when int.TryParse(ConsoleHttp.Value(form, "step"), out var step) => (await runs.ChangeAsync(incidentId, step, people, by, cancellationToken), $"Step {step} ticked by {by}."),
                _ => throw new DomainRuleException("This form asks to start a checklist, name people or tick a step."),
            };
            return checklist is null
                ? ConsoleHttp.Page(request, IncidentScreen.NotFoundPage, StatusCodes.Status404NotFound)
                : notices.Redirect(request, $"/console/incidents/{incidentId}", notice);
        }
        catch (Exception refused) when (refused is DomainRuleException or ConcurrencyConflictException)
        {
            return await screen.PageAsync(request, incidentId, null, refused.Message, cancellationToken);
        }
    }

    /// <summary>The start form offers every role; the names kept are those of the roles the chosen playbook uses.</summary>
    private Task<PlaybookChecklist?> StartAsync(string incidentId, string playbookId, Dictionary<PlaybookRole, string> people, string by, CancellationToken cancellationToken)
    {
        var roles = playbooks.Find(playbookId)?.Roles ?? [];
        return runs.StartAsync(incidentId, playbookId, people.Where(p => roles.Contains(p.Key)).ToDictionary(), by, cancellationToken);
    }
}
