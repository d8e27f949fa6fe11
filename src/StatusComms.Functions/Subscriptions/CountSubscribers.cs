using StatusComms.Common;
using StatusComms.Subscriptions;

namespace StatusComms.Functions.Subscriptions;

/// <summary>GET subscribers/count — how many subscribers there are, in total and in each status.</summary>
public sealed class CountSubscribers(SubscriptionService subscriptions)
{
    [Function(nameof(CountSubscribers))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.SubscriberCount)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var counts = await subscriptions.CountAsync(cancellationToken);
        var body = new Dictionary<string, int> { ["total"] = counts.Values.Sum() };
        foreach (var (status, count) in counts)
        {
            body[WireName.Of(status)] = count;
        }

        return ApiResults.Ok(body);
    }
}
