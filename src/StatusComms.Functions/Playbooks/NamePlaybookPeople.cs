using StatusComms.Playbooks;

namespace StatusComms.Functions.Playbooks;

/// <summary>PATCH incidents/{id}/playbook with <c>{"people": {"tech lead": "Grace"}}</c>: names (or replaces) people in the incident's roles.</summary>
public sealed class NamePlaybookPeople(PlaybookRunService runs)
{
    [Function(nameof(NamePlaybookPeople))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = Routes.IncidentPlaybook)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<PlaybookRunRequest>(request, cancellationToken);
        return await runs.ChangeAsync(incidentId, null, body.PeopleByRole(), Caller.NameOf(request), cancellationToken) is { } checklist
            ? ApiResults.Ok(PlaybookChecklistJson.From(checklist))
            : Problems.NotFound("playbook run for incident", incidentId, request.HttpContext);
    }
}
