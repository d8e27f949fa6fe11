using StatusComms.Postmortems;

namespace StatusComms.Functions.Postmortems;

/// <summary>POST incidents/{id}/postmortem/timeline with <c>{"entry": {"at", "text", "public"}}</c>: detection, escalation, a deploy.</summary>
public sealed class AddPostmortemTimelineEntry(PostmortemService postmortems)
{
    [Function(nameof(AddPostmortemTimelineEntry))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.PostmortemTimeline)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
    {
        var entry = (await RequestBody.ReadAsync<TimelineEntryRequest>(request, cancellationToken)).Entry;
        if (entry.At is null || string.IsNullOrWhiteSpace(entry.Text))
        {
            throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Entry incomplete", "A timeline entry needs at (UTC, ISO 8601) and text.");
        }

        var details = await postmortems.AddTimelineEntryAsync(incidentId, entry.At.Value, entry.Text, entry.Public ?? false, Caller.NameOf(request), cancellationToken);
        return ApiResults.Versioned(request, PostmortemJson.Envelope(details), details.Postmortem.Version, StatusCodes.Status201Created);
    }
}
