using StatusComms.Subscriptions;

namespace StatusComms.Functions.Subscriptions;

/// <summary>GET subscribers/{id} — one subscriber, as the list shows it (a webhook's secret is never shown again).</summary>
public sealed class GetSubscriber(SubscriptionService subscriptions)
{
    [Function(nameof(GetSubscriber))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Subscriber)] HttpRequest request,
        string subscriberId,
        CancellationToken cancellationToken)
        => await subscriptions.GetAsync(subscriberId, cancellationToken) is { } subscriber
            ? ApiResults.Ok(SubscriberJson.From(subscriber))
            : Problems.NotFound("subscriber", subscriberId, request.HttpContext);
}
