using Microsoft.Extensions.Options;
using StatusComms.Functions.Hosting;
using StatusComms.Subscriptions;

namespace StatusComms.Functions.Subscriptions;

/// <summary>
/// POST subscribers with <c>{"subscriber": {"endpoint": "https://…", "component_ids": [...]}}</c>: a webhook
/// subscriber. The answer carries the signing secret once; deliveries carry X-StatusComms-Signature: sha256=HMAC.
/// </summary>
public sealed class CreateWebhookSubscriber(SubscriptionService subscriptions, IHostResolver resolver, IOptions<StatusCommsOptions> options)
{
    [Function(nameof(CreateWebhookSubscriber))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Subscribers)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync<WebhookSubscriberRequest>(request, cancellationToken);
        if (!Uri.TryCreate(body.Subscriber.Endpoint, UriKind.Absolute, out var endpoint))
        {
            throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Endpoint missing", "A webhook subscriber needs an endpoint: an absolute https:// URL.");
        }

        var webhooks = options.Value.Webhooks;
        var (subscriber, secret) = await subscriptions.AddWebhookAsync(endpoint, body.Subscriber.ComponentIds ?? [], resolver, new WebhookPolicy(webhooks.AllowPrivateTargets, webhooks.AllowHttp), cancellationToken);
        return ApiResults.Created(SubscriberJson.From(subscriber) with { Secret = secret });
    }
}
