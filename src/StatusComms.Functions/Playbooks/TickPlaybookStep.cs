using StatusComms.Playbooks;

namespace StatusComms.Functions.Playbooks;

/// <summary>POST incidents/{id}/playbook/steps/{n}: ticks step n as done by the caller, now; a step is ticked once.</summary>
public sealed class TickPlaybookStep(PlaybookRunService runs)
{
    [Function(nameof(TickPlaybookStep))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.IncidentPlaybookStep)] HttpRequest request,
        string incidentId,
        string step,
        CancellationToken cancellationToken)
        => await runs.ChangeAsync(incidentId, int.Parse(step, System.Globalization.CultureInfo.InvariantCulture), new Dictionary<PlaybookRole, string>(), Caller.NameOf(request), cancellationToken) is { } checklist
            ? ApiResults.Ok(PlaybookChecklistJson.From(checklist))
            : Problems.NotFound("playbook run for incident", incidentId, request.HttpContext);
}
