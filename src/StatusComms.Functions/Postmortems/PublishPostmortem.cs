using StatusComms.Postmortems;

namespace StatusComms.Functions.Postmortems;

/// <summary>
/// incidents/{id}/postmortem/publish. A POST without Statuspage's envelope publishes a final postmortem that passes the candor check (a draft
/// or a failing one is a 422 listing the reasons) and answers the document. Statuspage's form — PUT, or a body
/// <c>{"postmortem": {"notify_subscribers", "notify_twitter", "custom_tweet"}}</c> — publishes in one step, as
/// Statuspage has no review: a postmortem that passes every check is made final and published (the revisions say
/// so), and the answer is Statuspage's postmortem object. <c>notify_subscribers: false</c> mails no one.
/// </summary>
public sealed class PublishPostmortem(PostmortemService postmortems)
{
    [Function(nameof(PublishPostmortem))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", "put", Route = Routes.PostmortemPublish)] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
    {
        var hasBody = RequestBody.IsPresent(request);
        var body = hasBody ? await RequestBody.ReadAsync<StatuspagePostmortemRequest>(request, cancellationToken) : new StatuspagePostmortemRequest();
        if (body.Postmortem is null && !HttpMethods.IsPut(request.Method))
        {
            var reviewed = await postmortems.PublishAsync(incidentId, Caller.NameOf(request), cancellationToken);
            return ApiResults.Versioned(request, PostmortemJson.Envelope(reviewed), reviewed.Postmortem.Version);
        }

        if (body.Postmortem?.BodyDraft is not null)
        {
            throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "body_draft is not taken here", "Write the text with PUT …/postmortem first, then publish it. Nothing was published.");
        }

        var details = await postmortems.PublishInOneStepAsync(incidentId, Caller.NameOf(request), body.Postmortem?.NotifySubscribers ?? true, cancellationToken);
        return ApiResults.Versioned(request, StatuspagePostmortemJson.From(details), details.Postmortem.Version);
    }
}
