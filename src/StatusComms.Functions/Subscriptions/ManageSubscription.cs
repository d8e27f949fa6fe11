using StatusComms.Subscriptions;

namespace StatusComms.Functions.Subscriptions;

/// <summary>The manage link: GET shows the subscription and its component choice; POST saves the choice or unsubscribes.</summary>
public sealed class ManageSubscription(SubscriptionService subscriptions, SubscriptionPages pages, StatusComms.Notifications.SubscriptionLinks links)
{
    [Function(nameof(ManageSubscription))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = Routes.ManageSubscription)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (form, token) = await PublicHttp.FormAndTokenAsync(request, cancellationToken);
        try
        {
            string? saved = null;
            if (form is not null && form["action"] == "unsubscribe")
            {
                await subscriptions.UnsubscribeAsync(token, TokenPurpose.Manage, "unsubscribed on the manage page", cancellationToken);
                return PublicHttp.Html(request, await pages.UnsubscribedAsync());
            }

            if (form is not null && form["action"] == "save")
            {
                await subscriptions.ChooseComponentsAsync(token, form["component_ids"].OfType<string>().ToArray(), cancellationToken);
                saved = "Saved.";
            }
            else if (HttpMethods.IsPost(request.Method))
            {
                return PublicHttp.Html(request, await pages.ProblemAsync("Nothing to do", "The form did not say what to change. Go back and press Save or Unsubscribe."), StatusCodes.Status400BadRequest);
            }

            var (subscriber, components) = await subscriptions.ReadAsync(token, TokenPurpose.Manage, cancellationToken);
            return PublicHttp.Html(request, await pages.ManageAsync(links.ManageUrl(token!), token!, subscriber, components, saved));
        }
        catch (SubscriptionLinkException link)
        {
            return PublicHttp.Html(request, await pages.LinkProblemAsync(link.Message), StatusCodes.Status400BadRequest);
        }
        catch (Common.DomainRuleException rule)
        {
            return PublicHttp.Html(request, await pages.ProblemAsync("That did not work", rule.Message), StatusCodes.Status422UnprocessableEntity);
        }
    }
}
