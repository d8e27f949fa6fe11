using StatusComms.Common;
using StatusComms.Subscriptions;

namespace StatusComms.Functions.Subscriptions;

/// <summary>GET subscribers?cursor=&amp;limit= — subscribers in id order, a page at a time (limit ≤ 1,000, default 100).</summary>
public sealed class ListSubscribers(SubscriptionService subscriptions)
{
    public const int MaxLimit = 1000;

    [Function(nameof(ListSubscribers))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Subscribers)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var cursor = request.Query["cursor"].FirstOrDefault();
        if (cursor is not null && !Ids.IsWellFormed(cursor))
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "Bad cursor", "cursor is the next_cursor of the previous page.");
        }

        var limit = PageQuery.Bounded(request, "limit", 100, 1, MaxLimit);
        var page = await subscriptions.ListAsync(cursor, limit, cancellationToken);
        return ApiResults.Ok(new { subscribers = page.Select(SubscriberJson.From).ToArray(), next_cursor = page.Count == limit ? page[^1].Id : null });
    }
}
