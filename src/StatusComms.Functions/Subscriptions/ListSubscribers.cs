using StatusComms.Common;
using StatusComms.Subscriptions;

namespace StatusComms.Functions.Subscriptions;

/// <summary>
/// GET subscribers, as Statuspage answers it: an array, filtered by <c>q</c> (part of the address or endpoint),
/// <c>type</c> (email, webhook), <c>state</c> (active, unconfirmed, quarantined, unsubscribed, all; default active),
/// paged by <c>limit</c> (≤ 1,000, default 100) and <c>page</c> (from 1), or by <c>cursor</c>, which the
/// <c>Link: rel="next"</c> header of each full page carries.
/// </summary>
public sealed class ListSubscribers(SubscriptionService subscriptions)
{
    public const int MaxLimit = 1000;

    /// <summary>Statuspage's state names, and ours for the states it does not have.</summary>
    private static readonly Dictionary<string, SubscriberStatus?> States = new(StringComparer.OrdinalIgnoreCase)
    {
        ["active"] = SubscriberStatus.Confirmed,
        ["unconfirmed"] = SubscriberStatus.Pending,
        ["quarantined"] = SubscriberStatus.Suppressed,
        ["unsubscribed"] = SubscriberStatus.Unsubscribed,
        ["all"] = null,
    };

    private static readonly string[] Types = ["email", "webhook", "sms", "slack", "integration_partner", "teams"];

    [Function(nameof(ListSubscribers))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Subscribers)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var cursor = request.Query["cursor"].FirstOrDefault();
        if (cursor is not null && !Ids.IsWellFormed(cursor))
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "Bad cursor", "cursor is the one in the Link header of the previous page.");
        }

        var state = request.Query["state"].FirstOrDefault() ?? "active";
        if (!States.TryGetValue(state, out var status))
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "Invalid query", $"state is one of: {string.Join(", ", States.Keys)}.");
        }

        var type = request.Query["type"].FirstOrDefault();
        if (type is not null && !Types.Contains(type, StringComparer.Ordinal))
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "Invalid query", $"type is one of: {string.Join(", ", Types)}.");
        }

        var limit = PageQuery.Bounded(request, "limit", 100, 1, MaxLimit);
        var page = PageQuery.Bounded(request, "page", 1, 1, 100_000);
        var (found, next) = await subscriptions.FindAsync(
            new SubscriberQuery
            {
                Search = request.Query["q"].FirstOrDefault(),
                Mode = type,
                Status = status,
                Limit = limit,
                Skip = cursor is null ? (page - 1) * limit : 0,
                AfterId = cursor,
            },
            cancellationToken);

        if (next is not null)
        {
            var query = QueryString.Create(request.Query
                .Where(q => q.Key is not ("cursor" or "page"))
                .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)))
                .Append(KeyValuePair.Create("cursor", (string?)next)));
            request.HttpContext.Response.Headers.Link = $"<{request.Path}{query}>; rel=\"next\"";
        }

        return ApiResults.Ok(found.Select(SubscriberJson.From).ToArray());
    }
}
