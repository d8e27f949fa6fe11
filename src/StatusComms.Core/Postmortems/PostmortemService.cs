using StatusComms.Candor;
using StatusComms.Common;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Notifications;
using StatusComms.Publishing;
using StatusComms.StatusPage;

namespace StatusComms.Postmortems;

/// <summary>What an edit sets: each non-null field replaces that section.</summary>
public sealed record PostmortemEdit
{
    public string? Title { get; init; }
    public IReadOnlyList<string>? Owners { get; init; }
    public IReadOnlyList<string>? Authors { get; init; }
    public IReadOnlyList<string>? Participants { get; init; }
    public string? ExecutiveSummary { get; init; }
    public string? BusinessImpact { get; init; }
    public string? RootCause { get; init; }
    public string? LessonsLearned { get; init; }
    public string? Apology { get; init; }
    /// <summary>Ids of computed timeline entries (updates, component changes) to keep out of the customer summary.</summary>
    public IReadOnlyList<string>? HiddenTimelineEntries { get; init; }
}

/// <summary>A postmortem with what is computed from its incident.</summary>
public sealed record PostmortemDetails(Postmortem Postmortem, Incident Incident, ImpactAnalysis Impact, IReadOnlyList<TimelineEntry> Timeline, CustomerSummary Summary, IReadOnlyList<CandorFinding> Findings)
{
    public bool IsPublishable => Postmortem.Status == PostmortemStatus.Final && Findings.All(f => f.Severity != FindingSeverity.Error);
}

/// <summary>
/// Postmortems: started on a resolved incident, written, reviewed, made final, previewed exactly as customers will
/// see them, and published — which moves the incident to the postmortem stage (the update notifies its
/// subscribers), writes postmortems/{id}.html, and fills postmortem_body in the API.
/// </summary>
public sealed class PostmortemService(
    IPostmortemStore postmortems,
    IIncidentStore incidents,
    IComponentStore components,
    IDeliveryLedger deliveries,
    CandorCheck candor,
    SitePublisher site,
    PublishAfterChange publish,
    PageSettings page,
    TimeProvider time)
{
    /// <summary>Creates the incident's postmortem, or returns the one it has.</summary>
    public async Task<(PostmortemDetails Details, bool Created)> StartAsync(string incidentId, string by, CancellationToken cancellationToken)
    {
        var incident = await IncidentAsync(incidentId, cancellationToken);
        if (await postmortems.GetAsync(incidentId, cancellationToken) is { } existing)
        {
            return (await DetailsAsync(existing, incident, cancellationToken), false);
        }

        var postmortem = Postmortem.Start(incident, by, time.GetUtcNow());
        await postmortems.AddAsync(postmortem, cancellationToken);
        return (await DetailsAsync(postmortem, incident, cancellationToken), true);
    }

    public async Task<PostmortemDetails?> GetAsync(string incidentId, CancellationToken cancellationToken)
    {
        var postmortem = await postmortems.GetAsync(incidentId, cancellationToken);
        return postmortem is null ? null : await DetailsAsync(postmortem, await IncidentAsync(incidentId, cancellationToken), cancellationToken);
    }

    public Task<PostmortemDetails> EditAsync(string incidentId, PostmortemEdit edit, string by, string? expectedVersion, CancellationToken cancellationToken)
        => ChangeAsync(incidentId, expectedVersion, (p, now) => p.Edit(
            c => c with
            {
                Title = edit.Title?.Trim() ?? c.Title,
                Owners = edit.Owners ?? c.Owners,
                Authors = edit.Authors ?? c.Authors,
                Participants = edit.Participants ?? c.Participants,
                ExecutiveSummary = edit.ExecutiveSummary ?? c.ExecutiveSummary,
                BusinessImpact = edit.BusinessImpact ?? c.BusinessImpact,
                RootCause = edit.RootCause ?? c.RootCause,
                LessonsLearned = edit.LessonsLearned ?? c.LessonsLearned,
                Apology = edit.Apology ?? c.Apology,
                HiddenComputedEntries = edit.HiddenTimelineEntries ?? c.HiddenComputedEntries,
            },
            "edited " + string.Join(", ", Changed(edit)),
            by,
            now), cancellationToken);

    /// <summary>
    /// Writes the whole document from one text, as Statuspage's clients send a postmortem (<c>body_draft</c>), starting
    /// the postmortem first if the incident has none (<see cref="PostmortemDraftText"/>). A final one goes back to draft
    /// to take it; a published one stays on the page as published until it is published again.
    /// </summary>
    /// <returns>The postmortem, whether it was started now, and how the text's headings were read.</returns>
    public async Task<(PostmortemDetails Details, bool Created, PostmortemDraftText.Reading Reading)> WriteDraftTextAsync(string incidentId, string text, string by, string? expectedVersion, CancellationToken cancellationToken)
    {
        var reading = PostmortemDraftText.Read(text);
        var (_, created) = await StartAsync(incidentId, by, cancellationToken);
        var details = await ChangeAsync(incidentId, created ? null : expectedVersion, (p, now) =>
        {
            // As at Statuspage, a new draft of a published postmortem leaves what customers read until it is published again.
            if (p.Status == PostmortemStatus.Final)
            {
                p.MoveTo(PostmortemStatus.Draft, by, now, "a new body_draft was sent");
            }

            p.Edit(c => PostmortemDraftText.Apply(c, reading), "wrote the document from one text (body_draft)", by, now);
        }, cancellationToken);
        return (details, created, reading);
    }

    /// <summary>
    /// Publishes in one step, as Statuspage's publish does: a draft or reviewed postmortem that passes every check is
    /// made final (the revisions say it skipped a separate review) and published; one that fails is refused with the
    /// findings and stays as it was.
    /// </summary>
    public async Task<PostmortemDetails> PublishInOneStepAsync(string incidentId, string by, bool notifySubscribers, CancellationToken cancellationToken)
    {
        var details = await GetAsync(incidentId, cancellationToken) ?? throw new DomainRuleException("This incident has no postmortem yet: write one first.");
        if (details.Findings.Any(f => f.Severity == FindingSeverity.Error))
        {
            throw new CandorRejectedException(details.Findings);
        }

        var steps = details.Postmortem.Status switch
        {
            PostmortemStatus.Draft => [PostmortemStatus.InReview, PostmortemStatus.Final],
            PostmortemStatus.InReview => [PostmortemStatus.Final],
            _ => Array.Empty<PostmortemStatus>(),
        };
        foreach (var step in steps)
        {
            await ChangeAsync(incidentId, null, (p, now) => p.MoveTo(step, by, now, "published in one step, without a separate review"), cancellationToken);
        }

        return await PublishAsync(incidentId, by, cancellationToken, notifySubscribers);
    }

    /// <summary>Back to draft, as Statuspage's revert; a draft stays a draft. What customers already read stays on the page until the next publish.</summary>
    public async Task<PostmortemDetails> RevertAsync(string incidentId, string by, CancellationToken cancellationToken)
    {
        var details = await GetAsync(incidentId, cancellationToken) ?? throw new DomainRuleException("This incident has no postmortem yet: write one first.");
        return details.Postmortem.Status == PostmortemStatus.Draft ? details : await MoveAsync(incidentId, PostmortemStatus.Draft, by, null, cancellationToken);
    }

    public Task<PostmortemDetails> AddTimelineEntryAsync(string incidentId, DateTimeOffset at, string text, bool isPublic, string by, CancellationToken cancellationToken)
        => ChangeAsync(incidentId, null, (p, now) => p.AddTimelineEntry(at, text, isPublic, by, now), cancellationToken);

    public Task<PostmortemDetails> AddActionItemAsync(string incidentId, string description, string? owner, DateOnly? dueDate, ActionItemKind kind, Uri? link, bool isPublic, string by, CancellationToken cancellationToken)
        => ChangeAsync(incidentId, null, (p, now) => p.AddActionItem(description, owner, dueDate, kind, link, isPublic, by, now), cancellationToken);

    public Task<PostmortemDetails> ChangeActionItemAsync(string incidentId, string itemId, ActionItemChange change, string by, string? expectedVersion, CancellationToken cancellationToken)
        => ChangeAsync(incidentId, expectedVersion, (p, now) => p.ChangeActionItem(itemId, change, by, now), cancellationToken);

    public Task<PostmortemDetails> MoveAsync(string incidentId, PostmortemStatus status, string by, string? expectedVersion, CancellationToken cancellationToken)
        => ChangeAsync(incidentId, expectedVersion, (p, now) => p.MoveTo(status, by, now), cancellationToken);

    /// <summary>The customer summary page exactly as it would be published now.</summary>
    public async Task<string> PreviewAsync(string incidentId, CancellationToken cancellationToken)
    {
        var details = await GetAsync(incidentId, cancellationToken) ?? throw new DomainRuleException("This incident has no postmortem yet: start one first.");
        return await PreviewAsync(details, null, cancellationToken);
    }

    /// <param name="assetRoot">Where the preview finds the site's stylesheet (null: as published).</param>
    public Task<string> PreviewAsync(PostmortemDetails details, string? assetRoot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        return site.RenderPostmortemAsync(details.Summary, details.Postmortem.PublishedAt ?? time.GetUtcNow(), cancellationToken, assetRoot);
    }

    public async Task<string> MarkdownAsync(string incidentId, CancellationToken cancellationToken)
    {
        var details = await GetAsync(incidentId, cancellationToken) ?? throw new DomainRuleException("This incident has no postmortem yet: start one first.");
        return PostmortemMarkdown.Write(details.Incident, details.Postmortem, details.Impact);
    }

    /// <summary>
    /// Publishes a final postmortem that passes the candor check: the customer summary goes on the status page and
    /// in postmortem_body, and a resolved incident moves to the postmortem stage with an update that notifies its
    /// subscribers. A non-final or failing postmortem is refused with the reasons.
    /// </summary>
    /// <param name="notifySubscribers">False: the incident's postmortem update goes to no one (Statuspage's <c>notify_subscribers</c>).</param>
    public async Task<PostmortemDetails> PublishAsync(string incidentId, string by, CancellationToken cancellationToken, bool notifySubscribers = true)
    {
        var details = await GetAsync(incidentId, cancellationToken) ?? throw new DomainRuleException("This incident has no postmortem yet: start one first.");
        if (details.Postmortem.Status != PostmortemStatus.Final)
        {
            throw new DomainRuleException($"Only a final postmortem can be published; this one is {WireName.Of(details.Postmortem.Status)}. Put it through review and make it final.");
        }

        if (details.Findings.Any(f => f.Severity == FindingSeverity.Error))
        {
            throw new CandorRejectedException(details.Findings);
        }

        var now = time.GetUtcNow();
        var incident = details.Incident;
        var known = (await components.ListAsync(cancellationToken)).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var link = page.Url + SiteViewBuilder.PostmortemHref(incident.Id);
        var announcement = new IncidentCommand
        {
            Body = $"{details.Summary.WhatHappened}\n\nOur postmortem says who was affected and for how long, why it happened, and what we are changing: {link}",
            Author = by,
            DeliverNotifications = notifySubscribers,
        };
        var posted = incident.PublishPostmortem(Shorten(details.Summary.PlainText(), link), announcement, known, now);
        if (posted is not null)
        {
            incident.RecordReview(posted.Id, new CandorReview(details.Findings, null));
        }

        details.Postmortem.MarkPublished(by, now);
        await postmortems.SaveAsync(details.Postmortem, details.Postmortem.Version!, cancellationToken);
        await incidents.SaveAsync(incident, incident.Version!, cancellationToken);
        await site.PublishPostmortemAsync(details.Summary, now, cancellationToken);
        await publish.PublishAsync();
        return details with { Postmortem = details.Postmortem, Incident = incident };
    }

    private Task<PostmortemDetails> ChangeAsync(string incidentId, string? expectedVersion, Action<Postmortem, DateTimeOffset> change, CancellationToken cancellationToken)
        => LatestVersion.ApplyAsync(expectedVersion, () => ChangeOnceAsync(incidentId, expectedVersion, change, cancellationToken), time, cancellationToken);

    private async Task<PostmortemDetails> ChangeOnceAsync(string incidentId, string? expectedVersion, Action<Postmortem, DateTimeOffset> change, CancellationToken cancellationToken)
    {
        var postmortem = await postmortems.GetAsync(incidentId, cancellationToken) ?? throw new DomainRuleException("This incident has no postmortem yet: start one first.");
        var version = expectedVersion ?? postmortem.Version!;
        change(postmortem, time.GetUtcNow());
        await postmortems.SaveAsync(postmortem, version, cancellationToken);
        return await DetailsAsync(postmortem, await IncidentAsync(incidentId, cancellationToken), cancellationToken);
    }

    private async Task<PostmortemDetails> DetailsAsync(Postmortem postmortem, Incident incident, CancellationToken cancellationToken)
    {
        var allTask = components.ListAsync(cancellationToken);
        var impact = ImpactAnalysis.Compute(incident, await NotifiedAsync(incident, cancellationToken));
        var summary = CustomerSummary.Build(incident, postmortem.Content, impact);
        var all = await allTask;
        var names = all.Where(c => incident.Components.ContainsKey(c.Id)).Select(c => c.Name).ToArray();
        var c = postmortem.Content;
        var findings = candor.Check(new CandorDraft
        {
            Title = c.Title,
            Body = CheckedText(summary, c),
            Stage = IncidentStatus.Postmortem,
            Impact = incident.Impact,
            AffectedComponents = names,
            PageVocabulary = all.Select(c => c.Name).ToArray(),
            Now = time.GetUtcNow(),
            ImpactStartedAt = incident.StartedAt,
            ImpactEndedAt = incident.ResolvedAt,
            ActionItems = c.ActionItems.Select(i => new ActionItem(i.Description, i.Owner, i.DueDate)).ToArray(),
            IsPostmortemDocument = true,
        }).Concat(PostmortemRules.Check(c, impact)).ToArray();
        return new PostmortemDetails(postmortem, incident, impact, PostmortemTimeline.Build(incident, c), summary, findings);
    }

    /// <summary>What the candor check reads as the postmortem's body: the customer summary in words, then the lessons learned.</summary>
    public static string CheckedText(CustomerSummary summary, PostmortemContent content)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(content);
        return summary.PlainText() + "\n\n" + content.LessonsLearned;
    }

    /// <summary>Distinct subscribers the incident's mails reached, from the delivery ledger.</summary>
    private async Task<int> NotifiedAsync(Incident incident, CancellationToken cancellationToken)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var perUpdate = await Task.WhenAll(incident.Updates.Select(async update =>
        {
            var key = new NotificationRef(NotificationKind.Incident, incident.Id, update.Id).Key;
            var recordsTask = deliveries.ListRecordsAsync(key, cancellationToken);
            var plan = await deliveries.ReadPlanAsync(key, cancellationToken);
            var sent = (await recordsTask).Where(r => r.State == DeliveryState.Sent).Select(r => r.Target).ToHashSet(StringComparer.Ordinal);
            return plan.Batches.Where(b => sent.Contains(b.Target)).SelectMany(b => b.EmailSubscriberIds).ToArray();
        }));
        foreach (var ids in perUpdate)
        {
            reached.UnionWith(ids);
        }

        return reached.Count;
    }

    private async Task<Incident> IncidentAsync(string incidentId, CancellationToken cancellationToken)
        => await incidents.GetAsync(incidentId, cancellationToken) ?? throw new IncidentNotFoundException(incidentId);

    /// <summary>postmortem_body fits one table property; a longer summary points at its page.</summary>
    private static string Shorten(string text, string link)
        => text.Length <= 30_000 ? text : text[..29_000] + $"…\n\nThe full postmortem: {link}";

    private static IEnumerable<string> Changed(PostmortemEdit edit)
    {
        if (edit.Title is not null) yield return "title";
        if (edit.Owners is not null) yield return "owners";
        if (edit.Authors is not null) yield return "authors";
        if (edit.Participants is not null) yield return "participants";
        if (edit.ExecutiveSummary is not null) yield return "executive summary";
        if (edit.BusinessImpact is not null) yield return "business impact";
        if (edit.RootCause is not null) yield return "root cause";
        if (edit.LessonsLearned is not null) yield return "lessons learned";
        if (edit.Apology is not null) yield return "apology";
        if (edit.HiddenTimelineEntries is not null) yield return "timeline visibility";
    }
}

/// <summary>No incident with that id: the edge answers 404.</summary>
public sealed class IncidentNotFoundException(string incidentId) : Exception($"There is no incident with id '{incidentId}'.")
{
    public string IncidentId { get; } = incidentId;
}
