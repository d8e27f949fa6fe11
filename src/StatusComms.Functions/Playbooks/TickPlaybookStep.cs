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
    {
        if (!int.TryParse(step, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return Problems.NotFound("playbook step", step, request.HttpContext);
        }

        return await runs.ChangeAsync(incidentId, number, new Dictionary<PlaybookRole, string>(), Caller.NameOf(request), cancellationToken) is { } checklist
            ? ApiResults.Ok(PlaybookChecklistJson.From(checklist))
            : Problems.NotFound("playbook run for incident", incidentId, request.HttpContext);
    }
}
