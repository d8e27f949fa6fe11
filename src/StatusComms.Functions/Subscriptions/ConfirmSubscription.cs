using StatusComms.Subscriptions;

namespace StatusComms.Functions.Subscriptions;

/// <summary>
/// The confirmation link. GET only shows a button (mail scanners follow links: a GET must change nothing); the
/// button's POST confirms.
/// </summary>
public sealed class ConfirmSubscription(SubscriptionService subscriptions, SubscriptionPages pages, SubscriptionTokens tokens, StatusComms.Notifications.SubscriptionLinks links, TimeProvider time)
{
    [Function(nameof(ConfirmSubscription))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = Routes.ConfirmSubscription)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (form, token) = await PublicHttp.FormAndTokenAsync(request, cancellationToken);
        try
        {
            if (!HttpMethods.IsPost(request.Method))
            {
                var check = tokens.Read(token, TokenPurpose.Confirm, time.GetUtcNow());
                return check.IsValid
                    ? PublicHttp.Html(request, await pages.ConfirmPromptAsync(links.ConfirmUrl(token!), token!))
                    : PublicHttp.Html(request, await pages.LinkProblemAsync(check.Refusal!), StatusCodes.Status400BadRequest);
            }

            var subscriber = await subscriptions.ConfirmAsync(token, cancellationToken);
            return PublicHttp.Html(request, await pages.ConfirmedAsync(links.ManageUrl(tokens.Create(TokenPurpose.Manage, subscriber.Id, time.GetUtcNow()))));
        }
        catch (SubscriptionLinkException link)
        {
            return PublicHttp.Html(request, await pages.LinkProblemAsync(link.Message), StatusCodes.Status400BadRequest);
        }
        catch (Common.DomainRuleException rule)
        {
            return PublicHttp.Html(request, await pages.LinkProblemAsync(rule.Message), StatusCodes.Status409Conflict);
        }
    }
}
