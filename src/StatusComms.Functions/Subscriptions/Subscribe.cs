using StatusComms.Common;
using StatusComms.Subscriptions;

namespace StatusComms.Functions.Subscriptions;

/// <summary>
/// POST public/subscriptions: JSON <c>{"subscriber": {"email", "component_ids"}}</c>, or the status page's HTML form
/// (email, component_ids). Always answers the same way whether or not the address is subscribed.
/// </summary>
public sealed class Subscribe(SubscriptionService subscriptions, SubscriptionPages pages)
{
    [Function(nameof(Subscribe))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.PublicSubscriptions)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var isForm = PublicHttp.IsForm(request);
        string? email;
        IReadOnlyList<string> components;
        if (isForm)
        {
            var form = await PublicHttp.ReadFormAsync(request, cancellationToken);
            (email, components) = (form["email"].FirstOrDefault(), form["component_ids"].OfType<string>().ToArray());
        }
        else
        {
            var body = await RequestBody.ReadAsync<SubscribeRequest>(request, cancellationToken);
            (email, components) = (body.Subscriber.Email, body.Subscriber.ComponentIds ?? []);
        }

        SubscribeOutcome outcome;
        try
        {
            outcome = await subscriptions.SubscribeAsync(email ?? string.Empty, components, PublicHttp.ClientAddress(request), cancellationToken);
        }
        catch (DomainRuleException rule) when (isForm)
        {
            return PublicHttp.Html(request, await pages.ProblemAsync("We could not subscribe you", rule.Message), StatusCodes.Status422UnprocessableEntity);
        }

        if (outcome.RetryAfter is { } wait)
        {
            request.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            const string slow = "Too many subscribe requests from your network. Try again in a few minutes.";
            return isForm ? PublicHttp.Html(request, await pages.ProblemAsync("Please wait a moment", slow), StatusCodes.Status429TooManyRequests) : Problems.Create(StatusCodes.Status429TooManyRequests, "Too many requests", slow, request.HttpContext);
        }

        if (outcome.MailProblem is not null)
        {
            const string down = "We could not send the confirmation mail just now. Please try again in a few minutes.";
            return isForm ? PublicHttp.Html(request, await pages.ProblemAsync("Please try again", down), StatusCodes.Status503ServiceUnavailable) : Problems.Create(StatusCodes.Status503ServiceUnavailable, "Mail unavailable", down, request.HttpContext);
        }

        return isForm
            ? PublicHttp.Html(request, await pages.CheckInboxAsync(), StatusCodes.Status202Accepted)
            : new JsonResult(new { message = "If this address can receive mail, a confirmation link is on its way. Nothing is sent until it is followed." }, ApiJson.Options) { StatusCode = StatusCodes.Status202Accepted };
    }
}
