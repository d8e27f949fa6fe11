using StatusComms.Messages;

namespace StatusComms.Functions.Messages;

/// <summary>
/// POST incidents/{incident_id}/drafts with <c>{"template", "fields"}</c>: writes the message from the template for
/// this incident, with placeholders for what is still to fill and the candor check's verdict. Nothing is posted.
/// </summary>
public sealed class DraftMessage(MessageLibrary library)
{
    [Function(nameof(DraftMessage))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.IncidentDrafts)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<DraftMessageRequest>(request, cancellationToken);
        var draft = await library.DraftAsync(incidentId, body.Template, body.Fields, cancellationToken);
        return draft is null ? Problems.NotFound("incident", incidentId, request.HttpContext) : ApiResults.Ok(MessageDraftJson.From(draft));
    }
}
