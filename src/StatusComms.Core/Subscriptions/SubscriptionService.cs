using StatusComms.Common;
using StatusComms.Components;
using StatusComms.Notifications;
using StatusComms.StatusPage;

namespace StatusComms.Subscriptions;

/// <summary>
/// Email subscriptions with double opt-in: subscribe (always answered the same way, so nobody can learn whether an
/// address is subscribed), confirm, choose components, unsubscribe; and the management side: list, count, remove,
/// import.
/// </summary>
public sealed class SubscriptionService(
    ISubscriberStore store,
    IComponentStore components,
    SubscriptionTokens tokens,
    NotificationComposer composer,
    IMailSender mail,
    IRateLimiter limiter,
    PageSettings page,
    SubscriptionLimits limits,
    TimeProvider time)
{
    /// <summary>
    /// Starts double opt-in. The answer never depends on whether the address is known: a new or stopped address gets
    /// a confirmation link, a confirmed one gets a mail with its manage link, and the caller learns nothing either way.
    /// </summary>
    public async Task<SubscribeOutcome> SubscribeAsync(string email, IReadOnlyList<string> componentIds, string clientAddress, CancellationToken cancellationToken)
    {
        if (await limiter.TryAcquireAsync("subscribe", clientAddress, limits.SubscribesPerWindow, limits.Window, cancellationToken) is { } wait)
        {
            return SubscribeOutcome.Limited(wait);
        }

        var chosen = await KnownComponentsAsync(componentIds, cancellationToken);
        var subscriber = await UpsertAsync(email, chosen.Keys.ToArray(), cancellationToken);

        // Answered like any other request, so nobody learns from it what this address did or how often it was asked
        // for: an address that reported spam gets nothing, and one asked for too often (from any network) gets
        // nothing more until its window passes. The limit is kept by subscriber id, never by the address itself.
        if (subscriber.ReportedSpam
            || await limiter.TryAcquireAsync("subscribe-recipient", subscriber.Id, limits.PerRecipient, limits.RecipientWindow, cancellationToken) is not null)
        {
            return SubscribeOutcome.Accepted;
        }

        var sent = await mail.SendAsync(await composer.ComposeConfirmationAsync(page.Name, page.Url, [subscriber], Names(subscriber, chosen), cancellationToken), cancellationToken);
        return sent.Outcome is MailSendOutcome.Accepted ? SubscribeOutcome.Accepted : SubscribeOutcome.MailFailed(sent.Reason ?? sent.Outcome.ToString());
    }

    public async Task<Subscriber> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        var subscriber = await FromTokenAsync(token, TokenPurpose.Confirm, cancellationToken);
        return await ChangeAsync(subscriber, s => s.Confirm(time.GetUtcNow()), cancellationToken);
    }

    /// <summary>The subscriber a manage or unsubscribe link names, and the components they may choose from.</summary>
    public async Task<(Subscriber Subscriber, IReadOnlyList<Component> Components)> ReadAsync(string? token, TokenPurpose purpose, CancellationToken cancellationToken)
    {
        var subscriber = await FromTokenAsync(token, purpose, cancellationToken);
        var all = await components.ListAsync(cancellationToken);
        return (subscriber, all.Where(c => !c.IsGroup).OrderBy(c => c.Position).ThenBy(c => c.Name, StringComparer.Ordinal).ToArray());
    }

    public async Task<Subscriber> ChooseComponentsAsync(string? token, IReadOnlyList<string> componentIds, CancellationToken cancellationToken)
    {
        var subscriber = await FromTokenAsync(token, TokenPurpose.Manage, cancellationToken);
        var chosen = await KnownComponentsAsync(componentIds, cancellationToken);
        return await ChangeAsync(subscriber, s => s.ChooseComponents(chosen.Keys.ToArray(), time.GetUtcNow()), cancellationToken);
    }

    /// <summary>Unsubscribes with a manage or an unsubscribe link (the one-click POST of RFC 8058 or the page's button).</summary>
    public async Task<Subscriber> UnsubscribeAsync(string? token, TokenPurpose purpose, string how, CancellationToken cancellationToken)
    {
        var subscriber = await FromTokenAsync(token, purpose, cancellationToken);
        return await ChangeAsync(subscriber, s => s.Unsubscribe(how, time.GetUtcNow()), cancellationToken);
    }

    /// <summary>Stops mail to a subscriber after a bounce, drop or spam report; false when there is no such subscriber.</summary>
    public async Task<bool> SuppressAsync(string subscriberId, string reason, CancellationToken cancellationToken)
    {
        var subscriber = await store.GetAsync(subscriberId, cancellationToken);
        if (subscriber is null)
        {
            return false;
        }

        await ChangeAsync(subscriber, s => s.Suppress(reason, time.GetUtcNow()), cancellationToken);
        return true;
    }

    /// <summary>The id an address has (or would have): lets a provider event that names only the address find its subscriber.</summary>
    /// <summary>The id of the subscriber with this address, under any key of the ring; null when there is none.</summary>
    public async Task<string?> FindIdAsync(string email, CancellationToken cancellationToken)
        => EmailAddress.TryNormalize(email, out var normalized) ? (await FindAsync(normalized, cancellationToken))?.Id : null;

    /// <summary>The subscriber with this normalised address, looked for under each key of the ring, newest first.</summary>
    private async Task<Subscriber?> FindAsync(string normalized, CancellationToken cancellationToken)
    {
        foreach (var id in tokens.SubscriberIds(normalized))
        {
            if (await store.GetAsync(id, cancellationToken) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    public Task<IReadOnlyList<Subscriber>> ListAsync(string? afterId, int limit, CancellationToken cancellationToken)
        => store.ListAsync(afterId, limit, cancellationToken);

    /// <summary>
    /// The subscribers a query matches, in id order, and the cursor of the next page (null when none is left). The
    /// store is read in id order a batch at a time and filtered here, so a search reads at most the whole list.
    /// </summary>
    public async Task<(IReadOnlyList<Subscriber> Page, string? NextAfterId)> FindAsync(SubscriberQuery query, CancellationToken cancellationToken)
    {
        const int batchSize = 1000;
        var found = new List<Subscriber>(query.Limit);
        var skipped = 0;
        var after = query.AfterId;
        while (true)
        {
            var batch = await store.ListAsync(after, batchSize, cancellationToken);
            foreach (var subscriber in batch.Where(query.Matches))
            {
                if (skipped < query.Skip)
                {
                    skipped++;
                    continue;
                }

                found.Add(subscriber);
                if (found.Count == query.Limit)
                {
                    return (found, subscriber.Id);
                }
            }

            if (batch.Count < batchSize)
            {
                return (found, null);
            }

            after = batch[^1].Id;
        }
    }

    public Task<IReadOnlyDictionary<SubscriberStatus, int>> CountAsync(CancellationToken cancellationToken) => store.CountAsync(cancellationToken);

    public Task<Subscriber?> GetAsync(string id, CancellationToken cancellationToken) => store.GetAsync(id, cancellationToken);

    public Task<bool> RemoveAsync(string id, CancellationToken cancellationToken) => store.DeleteAsync(id, cancellationToken);

    /// <summary>
    /// Adds a webhook subscriber (management API only): the endpoint must be https and resolve to public addresses
    /// (unless configuration allows otherwise). Returns the subscriber and the signing secret, shown once.
    /// </summary>
    public async Task<(Subscriber Subscriber, string Secret)> AddWebhookAsync(Uri endpoint, IReadOnlyList<string> componentIds, IHostResolver resolver, WebhookPolicy policy, CancellationToken cancellationToken)
    {
        var refusal = WebhookTargetsCheck(endpoint, endpoint.IsAbsoluteUri ? await resolver.ResolveAsync(endpoint.Host, cancellationToken) : [], policy);
        if (refusal is not null)
        {
            throw new DomainRuleException(refusal);
        }

        var chosen = await KnownComponentsAsync(componentIds, cancellationToken);
        var secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var subscriber = Subscriber.ForWebhook(SubscriptionTokens.NewWebhookSubscriberId(), endpoint, secret, chosen.Keys.ToArray(), time.GetUtcNow());
        if (!await store.TryAddAsync(subscriber, cancellationToken))
        {
            throw new ConcurrencyConflictException("Try again: a webhook id collided.");
        }

        return (subscriber, secret);
    }

    private static string? WebhookTargetsCheck(Uri endpoint, IReadOnlyList<System.Net.IPAddress> resolved, WebhookPolicy policy)
        => WebhookTargets.Check(endpoint, resolved, policy.AllowPrivateTargets, policy.AllowHttp);

    /// <summary>
    /// Imports a list: each address is subscribed as pending and sent a confirmation mail (one call per 1,000), so
    /// only people who confirm are ever sent notifications. Addresses already confirmed are left as they are.
    /// </summary>
    public async Task<ImportReport> ImportAsync(IReadOnlyList<(string Email, IReadOnlyList<string> ComponentIds)> entries, CancellationToken cancellationToken)
    {
        var invalid = new List<string>();
        var pending = new List<Subscriber>();
        var alreadyConfirmed = 0;
        var reportedSpam = 0;
        foreach (var (email, componentIds) in entries)
        {
            if (!EmailAddress.TryNormalize(email, out _))
            {
                invalid.Add(email);
                continue;
            }

            var chosen = await KnownComponentsAsync(componentIds, cancellationToken);
            var subscriber = await UpsertAsync(email, chosen.Keys.ToArray(), cancellationToken);
            if (subscriber.Status == SubscriberStatus.Confirmed)
            {
                alreadyConfirmed++;
            }
            else if (subscriber.ReportedSpam)
            {
                reportedSpam++;
            }
            else if (pending.All(p => p.Id != subscriber.Id))
            {
                pending.Add(subscriber);
            }
        }

        var failed = 0;
        foreach (var chunk in pending.Chunk(DeliveryBatch.MaxRecipients))
        {
            var sent = await mail.SendAsync(await composer.ComposeConfirmationAsync(page.Name, page.Url, chunk, [], cancellationToken), cancellationToken);
            failed += sent.Outcome == MailSendOutcome.Accepted ? 0 : chunk.Length;
        }

        return new ImportReport(pending.Count, alreadyConfirmed, invalid, failed, reportedSpam);
    }

    private async Task<Subscriber> UpsertAsync(string email, IReadOnlyList<string> componentIds, CancellationToken cancellationToken)
    {
        if (!EmailAddress.TryNormalize(email, out var normalized))
        {
            throw new DomainRuleException("That is not an email address we can send to: give one address such as name@example.com.");
        }

        var id = tokens.SubscriberId(normalized);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var existing = await FindAsync(normalized, cancellationToken);
            if (existing is null)
            {
                var created = Subscriber.ForEmail(id, normalized, componentIds, time.GetUtcNow());
                if (await store.TryAddAsync(created, cancellationToken))
                {
                    return created;
                }

                continue;
            }

            existing.Resubscribe(componentIds, time.GetUtcNow());
            if (await store.TrySaveAsync(existing, cancellationToken))
            {
                return existing;
            }
        }

        throw new ConcurrencyConflictException("This subscription is being changed by another request; try again in a moment.");
    }

    private async Task<Subscriber> ChangeAsync(Subscriber subscriber, Action<Subscriber> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            change(subscriber);
            if (await store.TrySaveAsync(subscriber, cancellationToken))
            {
                return subscriber;
            }

            subscriber = await store.GetAsync(subscriber.Id, cancellationToken) ?? throw new SubscriptionLinkException("This subscription no longer exists.");
        }

        throw new ConcurrencyConflictException("This subscription is being changed by another request; try again in a moment.");
    }

    private async Task<Subscriber> FromTokenAsync(string? token, TokenPurpose purpose, CancellationToken cancellationToken)
    {
        var check = tokens.Read(token, purpose, time.GetUtcNow());
        if (!check.IsValid)
        {
            throw new SubscriptionLinkException(check.Refusal!);
        }

        return await store.GetAsync(check.SubscriberId!, cancellationToken)
            ?? throw new SubscriptionLinkException("This subscription no longer exists. Subscribe again on the status page.");
    }

    private async Task<Dictionary<string, string>> KnownComponentsAsync(IReadOnlyList<string> componentIds, CancellationToken cancellationToken)
    {
        if (componentIds.Count == 0)
        {
            return [];
        }

        var all = (await components.ListAsync(cancellationToken)).Where(c => !c.IsGroup).ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal);
        var unknown = componentIds.FirstOrDefault(id => !all.ContainsKey(id));
        if (unknown is not null)
        {
            throw new DomainRuleException($"There is no component with id '{unknown}' to subscribe to.");
        }

        return componentIds.Distinct(StringComparer.Ordinal).ToDictionary(id => id, id => all[id], StringComparer.Ordinal);
    }

    private static string[] Names(Subscriber subscriber, Dictionary<string, string> chosen)
        => subscriber.ComponentIds.Select(id => chosen.GetValueOrDefault(id)).OfType<string>().ToArray();
}

/// <summary>
/// How many subscribe requests one client address may make per window, and how many confirmation mails one
/// recipient may be sent per its window, whoever asks (StatusComms:Subscriptions).
/// </summary>
public sealed record SubscriptionLimits(int SubscribesPerWindow = 5, TimeSpan Window = default)
{
    public TimeSpan Window { get; init; } = Window == default ? TimeSpan.FromMinutes(10) : Window;

    public int PerRecipient { get; init; } = 3;

    public TimeSpan RecipientWindow { get; init; } = TimeSpan.FromHours(24);
}

public sealed record SubscribeOutcome(bool IsAccepted, TimeSpan? RetryAfter, string? MailProblem)
{
    public static SubscribeOutcome Accepted { get; } = new(true, null, null);

    public static SubscribeOutcome Limited(TimeSpan wait) => new(false, wait, null);

    public static SubscribeOutcome MailFailed(string reason) => new(false, null, reason);
}

/// <param name="ReportedSpam">Addresses that reported our mail as spam: sent nothing (<see cref="Subscriber.ReportedSpam"/>).</param>
public sealed record ImportReport(int ConfirmationsSent, int AlreadyConfirmed, IReadOnlyList<string> Invalid, int MailFailures, int ReportedSpam = 0);

/// <summary>A subscription link that cannot be used: forged, changed, expired, or for a subscription that is gone.</summary>
public sealed class SubscriptionLinkException(string message) : Exception(message);
