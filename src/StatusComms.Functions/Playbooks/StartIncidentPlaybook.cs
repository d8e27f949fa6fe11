using StatusComms.Playbooks;

namespace StatusComms.Functions.Playbooks;

/// <summary>POST incidents/{id}/playbook: runs the incident from a playbook, with the people named to its roles; 409 if it already is.</summary>
public sealed class StartIncidentPlaybook(PlaybookRunService runs)
{
    [Function(nameof(StartIncidentPlaybook))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.IncidentPlaybook)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<PlaybookRunRequest>(request, cancellationToken);
        if (body.Playbook is not { Length: > 0 } playbook)
        {
            throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Playbook missing", "Name the playbook to run this incident from (\"playbook\": \"payment-failure\"); GET playbooks lists them.");
        }

        return await runs.StartAsync(incidentId, playbook, body.PeopleByRole(), Caller.NameOf(request), cancellationToken) is { } checklist
            ? ApiResults.Created(PlaybookChecklistJson.From(checklist))
            : Problems.NotFound("incident", incidentId, request.HttpContext);
    }
}
