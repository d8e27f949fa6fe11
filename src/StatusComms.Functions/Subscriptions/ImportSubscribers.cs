using Microsoft.Extensions.Options;
using StatusComms.Functions.Hosting;
using StatusComms.Subscriptions;

namespace StatusComms.Functions.Subscriptions;

/// <summary>
/// POST subscribers/import with <c>{"subscribers": [{"email", "component_ids"}]}</c>: every new address is added as
/// pending and sent a confirmation mail; nobody imported is sent a notification before confirming.
/// </summary>
public sealed class ImportSubscribers(SubscriptionService subscriptions, IOptions<StatusCommsOptions> options)
{
    [Function(nameof(ImportSubscribers))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.SubscriberImport)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var max = options.Value.Subscriptions.MaxImport;
        var body = await RequestBody.ReadAsync<ImportRequest>(request, max * 600, cancellationToken);
        if (body.Subscribers.Count == 0 || body.Subscribers.Count > max)
        {
            throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Import size", $"Import 1 to {max:N0} addresses per request.");
        }

        var report = await subscriptions.ImportAsync(body.Subscribers.Select(s => (s.Email ?? string.Empty, s.ComponentIds ?? [])).ToArray(), cancellationToken);
        return new JsonResult(new { confirmations_sent = report.ConfirmationsSent, already_confirmed = report.AlreadyConfirmed, invalid = report.Invalid, mail_failures = report.MailFailures, reported_spam = report.ReportedSpam }, ApiJson.Options) { StatusCode = StatusCodes.Status202Accepted };
    }
}
