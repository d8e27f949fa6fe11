using StatusComms.Notifications;

namespace StatusComms.Functions.Notifications;

/// <summary>
/// POST deliveries/{notification}/{target}/resend — sends a failed or ambiguous delivery again (listed by
/// deliveries/problems), leaving out every recipient SendGrid's events reported as reached. For an ambiguous one
/// without events, check first that it did not go out (SendGrid's activity feed).
/// </summary>
public sealed class ResendDelivery(NotificationDispatcher dispatcher)
{
    [Function(nameof(ResendDelivery))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ResendDelivery)] HttpRequest request,
        string notificationKey,
        string target,
        CancellationToken cancellationToken)
    {
        var record = await dispatcher.ResendAsync(notificationKey, target, Caller.NameOf(request), cancellationToken);
        return record is null
            ? Problems.NotFound("failed or ambiguous delivery", $"{notificationKey}/{target}", request.HttpContext)
            : new JsonResult(new { queued = true, attempt = record.Attempt + 1 }, ApiJson.Options) { StatusCode = StatusCodes.Status202Accepted };
    }
}
