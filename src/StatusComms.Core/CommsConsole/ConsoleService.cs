using StatusComms.Candor;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Maintenance;
using StatusComms.Notifications;
using StatusComms.Publishing;
using StatusComms.StatusPage;
using StatusComms.Subscriptions;

namespace StatusComms.CommsConsole;

/// <summary>
/// Reads what each console screen shows, and turns a draft into what customers and subscribers would get: the
/// incident page rendered by the site's templates and the mail rendered by the mail templates, never published.
/// </summary>
public sealed class ConsoleService(
    IComponentStore components,
    IIncidentStore incidents,
    IMaintenanceStore maintenances,
    ISubscriberStore subscribers,
    IDeliveryLedger ledger,
    SitePublisher site,
    NotificationComposer composer,
    CandorOptions candor,
    PageSettings page,
    TimeProvider time)
{
    /// <summary>A promised update this close is "due soon".</summary>
    public static readonly TimeSpan DueSoon = TimeSpan.FromMinutes(5);

    /// <summary>Where the console serves the site's stylesheet, so previews look exactly as published.</summary>
    public const string AssetRoot = "/console/assets/";

    public async Task<NowView> NowAsync(ConsoleChrome chrome, CancellationToken cancellationToken)
    {
        var componentsTask = components.ListAsync(cancellationToken);
        var openTask = incidents.ListOpenAsync(cancellationToken);
        var maintenancesTask = maintenances.ListOpenAsync(cancellationToken);
        var countsTask = SubscriberCountsAsync(cancellationToken);
        var problemsTask = ledger.ListProblemsAsync(20, cancellationToken);
        await Task.WhenAll(componentsTask, openTask, maintenancesTask, countsTask, problemsTask);
        var now = time.GetUtcNow();
        var rollup = StatusRollup.Compute(componentsTask.Result, openTask.Result, maintenancesTask.Result, now);
        return new NowView(
            chrome,
            now,
            WireName(rollup.Indicator),
            rollup.Description,
            openTask.Result.OrderByDescending(i => i.Impact).ThenBy(i => i.NextUpdateAt ?? DateTimeOffset.MaxValue).Select(i => Row(i, now)).ToArray(),
            maintenancesTask.Result.OrderBy(m => m.ScheduledFor).Select(m => new MaintenanceRow(m.Id, m.Name, StatusLabels.For(m.EffectiveStatus(now)), m.ScheduledFor, m.ScheduledUntil, m.IsActive(now))).ToArray(),
            countsTask.Result.OrderBy(c => c.Key).Select(c => new SubscriberCountRow(StatusLabels.For(c.Key), c.Value)).ToArray(),
            problemsTask.Result.Select(p => new DeliveryProblemRow(p.Key, p.Record.Target, Common.WireName.Of(p.Record.State).Replace('_', ' '), p.Record.Reason, p.Record.Recipients, p.Record.ClaimedAt)).ToArray(),
            componentsTask.Result.Count(c => !c.IsGroup));
    }

    /// <summary>How long the Now screen's subscriber counts are kept: counting reads every subscriber.</summary>
    public static readonly TimeSpan CountsKeptFor = TimeSpan.FromMinutes(1);

    private CountsAt? _counts;

    private sealed record CountsAt(DateTimeOffset At, IReadOnlyDictionary<SubscriberStatus, int> Counts);

    /// <summary>The subscriber counts, read again at most once per <see cref="CountsKeptFor"/> (the subscribers screen counts afresh).</summary>
    private async Task<IReadOnlyDictionary<SubscriberStatus, int>> SubscriberCountsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_counts is { } kept && now - kept.At < CountsKeptFor)
        {
            return kept.Counts;
        }

        var counts = await subscribers.CountAsync(cancellationToken);
        _counts = new CountsAt(now, counts);
        return counts;
    }

    /// <summary>An open incident as the Now screen lists it, with its promise counted down.</summary>
    public static OpenIncidentRow Row(Incident incident, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var next = incident.NextUpdateAt;
        var (state, text) = Promise(next, now);
        return new OpenIncidentRow(
            incident.Id,
            incident.Name,
            StatusLabels.For(incident.Status),
            incident.Impact,
            StatusLabels.For(incident.Impact),
            incident.StartedAt,
            SiteFormat.Duration(now - incident.StartedAt),
            incident.LatestUpdate,
            next,
            state,
            text);
    }

    /// <summary>"Next update due in 12 minutes (by 10:30 UTC)", or loud once it is due.</summary>
    public static (PromiseState State, string Text) Promise(DateTimeOffset? next, DateTimeOffset now)
    {
        if (next is not { } at)
        {
            return (PromiseState.None, "No next update promised");
        }

        if (at <= now)
        {
            return (PromiseState.Overdue, $"Update overdue by {SiteFormat.Duration(now - at)}: customers were promised one by {SiteFormat.Clock(at)}");
        }

        return (at - now <= DueSoon ? PromiseState.DueSoon : PromiseState.Kept, $"Next update due in {SiteFormat.Duration(at - now)} (by {SiteFormat.Clock(at)})");
    }

    /// <summary>The latest next-update time the impact's cadence allows, from now (the compose form's default).</summary>
    public DateTimeOffset DefaultNextUpdate(IncidentImpact impact)
    {
        var at = time.GetUtcNow() + candor.CadenceFor(impact);
        return new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);
    }

    /// <summary>The findings, the marked text and the previews of a draft applied in memory.</summary>
    public async Task<LiveView> LiveAsync(IncidentPreview preview, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(preview);
        var known = preview.Components.Values.ToArray();
        var html = await site.RenderIncidentPreviewAsync(preview.Incident, known, AssetRoot, cancellationToken);
        var names = known.ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal);
        var content = NotificationSource.ForIncident(page, new NotificationRef(NotificationKind.Incident, preview.Incident.Id, preview.Update.Id), preview.Incident, preview.Update, names);
        var mail = await composer.ComposeAsync(content, [], new Dictionary<string, string>(), cancellationToken);
        var text = mail.Text
            .Replace(NotificationComposer.ManageTag, "[the subscriber's own manage link]", StringComparison.Ordinal)
            .Replace(NotificationComposer.UnsubscribeTag, "[the subscriber's own unsubscribe link]", StringComparison.Ordinal);
        return new LiveView(preview.Findings, Mark(preview.Update.Body, preview.Findings), html, mail.Subject, text);
    }

    /// <summary>Splits the text into runs, marking the words each finding points at (the first finding wins where they overlap).</summary>
    public static IReadOnlyList<TextSpan> Mark(string body, IReadOnlyList<CandorFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(body);
        var marks = findings
            .Where(f => f.Field == "body" && f.Start >= 0 && f.Length > 0 && f.Start + f.Length <= body.Length)
            .OrderBy(f => f.Start).ThenByDescending(f => f.Severity)
            .ToArray();
        var spans = new List<TextSpan>();
        var at = 0;
        foreach (var mark in marks)
        {
            if (mark.Start < at)
            {
                continue;
            }

            if (mark.Start > at)
            {
                spans.Add(new TextSpan(body[at..mark.Start], null, FindingSeverity.Warning));
            }

            spans.Add(new TextSpan(body.Substring(mark.Start, mark.Length), mark.RuleId, mark.Severity));
            at = mark.Start + mark.Length;
        }

        if (at < body.Length)
        {
            spans.Add(new TextSpan(body[at..], null, FindingSeverity.Warning));
        }

        return spans;
    }

    /// <summary>The compose form's component list: grouped as on the page, with the status each shows now.</summary>
    /// <param name="displayed">What each shows customers now (the page's roll-up, or the incident's own statuses); a component missing from it shows its stored status.</param>
    public static IReadOnlyList<ComponentChoice> Choices(IEnumerable<Component> known, IReadOnlyDictionary<string, ComponentStatus> chosen, IReadOnlyDictionary<string, ComponentStatus>? displayed = null)
    {
        var all = known.ToArray();
        var groups = all.Where(c => c.IsGroup).ToDictionary(c => c.Id, StringComparer.Ordinal);
        return all.Where(c => !c.IsGroup)
            .OrderBy(c => c.GroupId is { } g && groups.TryGetValue(g, out var group) ? group.Position : c.Position)
            .ThenBy(c => c.Position)
            .Select(c => new ComponentChoice(c.Id, c.Name, c.GroupId is { } g && groups.TryGetValue(g, out var group) ? group.Name : null, displayed?.GetValueOrDefault(c.Id, c.Status) ?? c.Status, chosen.TryGetValue(c.Id, out var s) ? s : null))
            .ToArray();
    }

    /// <summary>The incident screen: every update with its author, the check's verdict, and where its deliveries stand.</summary>
    public async Task<IncidentView?> IncidentAsync(ConsoleChrome chrome, string id, string? notice, CancellationToken cancellationToken)
    {
        var incidentTask = incidents.GetAsync(id, cancellationToken);
        var knownTask = components.ListAsync(cancellationToken);
        if (await incidentTask is not { } incident)
        {
            return null;
        }

        var names = (await knownTask).ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal);
        var deliveries = await Task.WhenAll(incident.Updates.Select(u => DeliveryAsync(new NotificationRef(NotificationKind.Incident, incident.Id, u.Id).Key, cancellationToken)));
        var timeline = incident.Updates
            .Select((u, i) => new TimelineRow(u, StatusLabels.For(u.Status), u.Review.Findings.Count(f => f.Severity == FindingSeverity.Error), u.Review.Findings.Count(f => f.Severity == FindingSeverity.Warning), deliveries[i]))
            .Reverse()
            .ToArray();
        return new IncidentView(
            chrome,
            incident,
            StatusLabels.For(incident.Impact),
            StatusLabels.For(incident.Status),
            incident.Components.Keys.Select(names.GetValueOrDefault).OfType<string>().Order(StringComparer.CurrentCulture).ToArray(),
            timeline,
            page.Url + SiteViewBuilder.IncidentHref(incident.Id),
            notice);
    }

    private async Task<DeliverySummary> DeliveryAsync(string key, CancellationToken cancellationToken)
    {
        var planTask = ledger.ReadPlanAsync(key, cancellationToken);
        var records = await ledger.ListRecordsAsync(key, cancellationToken);
        var plan = await planTask;
        if (plan.Batches.Count == 0 && records.Count == 0)
        {
            return DeliverySummary.NotPlanned;
        }

        var mails = records.Where(r => !r.Target.StartsWith('w')).ToArray();
        return new DeliverySummary(
            true,
            plan.IsComplete,
            plan.Batches.Count,
            mails.Where(r => r.State == DeliveryState.Sent).Sum(r => r.Recipients),
            plan.Batches.Count(b => b.EmailSubscriberIds.Count > 0 && mails.All(r => r.Target != b.Target || r.State is DeliveryState.Claimed or DeliveryState.RetryScheduled)),
            records.Count(r => r.State is DeliveryState.Failed or DeliveryState.Ambiguous),
            records.Count(r => r.Target.StartsWith('w') && r.State == DeliveryState.Sent),
            plan.Batches.Sum(b => b.EmailSubscriberIds.Count));
    }

    /// <summary>The components screen: every component in page order, under its group.</summary>
    public async Task<ComponentsView> ComponentsAsync(ConsoleChrome chrome, string? notice, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var allTask = components.ListAsync(cancellationToken);
        var openTask = incidents.ListOpenAsync(cancellationToken);
        var maintenancesTask = maintenances.ListOpenAsync(cancellationToken);
        await Task.WhenAll(allTask, openTask, maintenancesTask);
        var all = allTask.Result;
        var rollup = StatusRollup.Compute(all, openTask.Result, maintenancesTask.Result, time.GetUtcNow());
        var groups = all.Where(c => c.IsGroup).OrderBy(c => c.Position).ToArray();
        var ordered = all.Where(c => !c.IsGroup).OrderBy(c => c.Position).ToArray();
        var rows = ordered.Select((c, i) => new ComponentRow(c, groups.FirstOrDefault(g => g.Id == c.GroupId)?.Name, rollup.DisplayedStatus(c.Id), i == 0, i == ordered.Length - 1)).ToArray();
        return new ComponentsView(chrome, rows, groups, notice, problems);
    }

    private static string WireName(PageIndicator indicator) => Common.WireName.Of(indicator);
}
