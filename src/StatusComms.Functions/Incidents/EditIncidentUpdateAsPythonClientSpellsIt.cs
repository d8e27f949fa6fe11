using StatusComms.Incidents;

namespace StatusComms.Functions.Incidents;

/// <summary>The same edit at <c>incidents/{id}/incidents_update/{id}</c>, the path atlassian-python-api sends it to.</summary>
public sealed class EditIncidentUpdateAsPythonClientSpellsIt(IncidentService incidents)
{
    [Function(nameof(EditIncidentUpdateAsPythonClientSpellsIt))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", "put", Route = Routes.IncidentUpdateAsPythonClientSpellsIt)] HttpRequest request,
        string incidentId,
        string updateId,
        CancellationToken cancellationToken)
        => EditIncidentUpdate.EditAsync(request, incidents, incidentId, updateId, cancellationToken);
}
