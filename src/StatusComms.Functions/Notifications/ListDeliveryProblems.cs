using StatusComms.Notifications;

namespace StatusComms.Functions.Notifications;

/// <summary>GET deliveries/problems — failed and ambiguous deliveries, newest first, each with its cause.</summary>
public sealed class ListDeliveryProblems(IDeliveryLedger ledger)
{
    [Function(nameof(ListDeliveryProblems))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.DeliveryProblems)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var limit = PageQuery.Bounded(request, "limit", 100, 1, 1000);
        return ApiResults.Ok((await ledger.ListProblemsAsync(limit, cancellationToken)).Select(DeliveryProblemJson.From).ToArray());
    }
}
