using StatusComms.Subscriptions;

namespace StatusComms.Functions.Subscriptions;

/// <summary>DELETE subscribers/{id} — removes a subscriber and their address for good.</summary>
public sealed class DeleteSubscriber(SubscriptionService subscriptions)
{
    [Function(nameof(DeleteSubscriber))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.Subscriber)] HttpRequest request,
        string subscriberId,
        CancellationToken cancellationToken)
        => await subscriptions.RemoveAsync(subscriberId, cancellationToken)
            ? new NoContentResult()
            : Problems.NotFound("subscriber", subscriberId, request.HttpContext);
}
