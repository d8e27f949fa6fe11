using StatusComms.Playbooks;

namespace StatusComms.Functions.Playbooks;

/// <summary>GET incidents/{id}/playbook: the incident's checklist, each step open, overdue or done (by whom, when).</summary>
public sealed class GetIncidentPlaybook(PlaybookRunService runs)
{
    [Function(nameof(GetIncidentPlaybook))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.IncidentPlaybook)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
        => await runs.GetAsync(incidentId, cancellationToken) is { } checklist
            ? ApiResults.Ok(PlaybookChecklistJson.From(checklist))
            : Problems.NotFound("playbook run for incident", incidentId, request.HttpContext);
}
