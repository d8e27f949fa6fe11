using StatusComms.Common;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Maintenance;
using StatusComms.Notifications;
using StatusComms.StatusPage;
using StatusComms.Subscriptions;

namespace StatusComms.CommsConsole;

/// <summary>templates/console/Subscribers.cshtml: who hears about what, the deliveries that need a person, the stopped addresses, import.</summary>
/// <param name="AllComponents">Confirmed subscribers who hear about every component.</param>
/// <param name="Import">The outcome of an import just made, or null.</param>
public sealed record SubscribersView(
    ConsoleChrome Chrome,
    IReadOnlyList<SubscriberCountRow> ByStatus,
    int Total,
    int AllComponents,
    IReadOnlyList<ComponentAudienceRow> ByComponent,
    IReadOnlyList<ProblemDeliveryRow> Problems,
    IReadOnlyList<StoppedAddressRow> Stopped,
    IReadOnlyList<ComponentChoice> Components,
    string? Notice,
    IReadOnlyList<string> Refusals,
    ImportReport? Import,
    string ImportText);

/// <summary>How many confirmed subscribers an update to this component reaches: those who chose it, and everyone who chose all.</summary>
public sealed record ComponentAudienceRow(string Id, string Name, string? GroupName, int Chose, int Reached);

/// <summary>A delivery that went wrong, with what it was about and whether it can be sent again.</summary>
/// <param name="Subject">The incident or maintenance the update belongs to, or the raw key.</param>
/// <param name="SubjectHref">The console page of the incident, if it is one.</param>
public sealed record ProblemDeliveryRow(string Key, string Target, DeliveryState State, string StateLabel, string Channel, string? Reason, int Recipients, int Attempt, DateTimeOffset ClaimedAt, string Subject, string? SubjectHref)
{
    public bool IsAmbiguous => State == DeliveryState.Ambiguous;
}

/// <summary>A subscriber no longer sent to: unsubscribed, or stopped by a bounce, a drop or a spam report.</summary>
public sealed record StoppedAddressRow(string Address, string StatusLabel, string? Reason, DateTimeOffset At);

/// <summary>Reads the subscribers and deliveries screen.</summary>
public sealed class SubscribersConsole(ISubscriberStore subscribers, IDeliveryLedger ledger, IComponentStore components, IIncidentStore incidents, IMaintenanceStore maintenances)
{
    /// <summary>Subscribers are read in pages of this size to count them.</summary>
    public const int PageSize = 1000;

    /// <summary>The stopped addresses listed (the most recently stopped first).</summary>
    public const int StoppedShown = 50;

    public async Task<SubscribersView> ViewAsync(ConsoleChrome chrome, string? notice, IReadOnlyList<string> refusals, ImportReport? import, string importText, CancellationToken cancellationToken)
    {
        var knownTask = components.ListAsync(cancellationToken);
        var problemsTask = ledger.ListProblemsAsync(100, cancellationToken);
        var byStatus = new Dictionary<SubscriberStatus, int>();
        var chose = new Dictionary<string, int>(StringComparer.Ordinal);
        var everything = 0;
        var stopped = new List<StoppedAddressRow>();
        string? after = null;
        while (true)
        {
            var page = await subscribers.ListAsync(after, PageSize, cancellationToken);
            foreach (var s in page)
            {
                byStatus[s.Status] = byStatus.GetValueOrDefault(s.Status) + 1;
                if (s.Status == SubscriberStatus.Confirmed)
                {
                    if (s.ComponentIds.Count == 0)
                    {
                        everything++;
                    }

                    foreach (var id in s.ComponentIds)
                    {
                        chose[id] = chose.GetValueOrDefault(id) + 1;
                    }
                }
                else if (s.Status is SubscriberStatus.Suppressed or SubscriberStatus.Unsubscribed)
                {
                    stopped.Add(new StoppedAddressRow(s.Email ?? s.WebhookUrl?.GetLeftPart(UriPartial.Authority) ?? s.Id, StatusLabels.For(s.Status), s.StoppedReason, s.UpdatedAt));
                }
            }

            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1].Id;
        }

        var known = await knownTask;
        var choices = ConsoleService.Choices(known, new Dictionary<string, ComponentStatus>());
        var rows = choices.Select(c => new ComponentAudienceRow(c.Id, c.Name, c.GroupName, chose.GetValueOrDefault(c.Id), chose.GetValueOrDefault(c.Id) + everything)).ToArray();
        var problems = await Task.WhenAll((await problemsTask).Select(p => ProblemAsync(p, cancellationToken)));
        return new SubscribersView(
            chrome,
            byStatus.OrderBy(c => c.Key).Select(c => new SubscriberCountRow(StatusLabels.For(c.Key), c.Value)).ToArray(),
            byStatus.Values.Sum(),
            everything,
            rows,
            problems,
            stopped.OrderByDescending(s => s.At).Take(StoppedShown).ToArray(),
            choices,
            notice,
            refusals,
            import,
            importText);
    }

    private async Task<ProblemDeliveryRow> ProblemAsync(DeliveryProblem problem, CancellationToken cancellationToken)
    {
        var r = problem.Record;
        var (subject, href) = NotificationRef.TryParse(problem.Key) switch
        {
            { Kind: NotificationKind.Incident } n => (await incidents.GetAsync(n.SubjectId, cancellationToken) is { } i ? i.Name : problem.Key, $"/console/incidents/{n.SubjectId}"),
            { Kind: NotificationKind.Maintenance } n => (await maintenances.GetAsync(n.SubjectId, cancellationToken) is { } m ? m.Name : problem.Key, (string?)null),
            _ => (problem.Key, null),
        };
        return new ProblemDeliveryRow(
            problem.Key,
            r.Target,
            r.State,
            r.State == DeliveryState.Failed ? "Given up" : "Ambiguous",
            r.Target.StartsWith('w') ? "webhook" : r.Target == NotificationDispatcher.FanOutTarget ? "fan-out (who to tell)" : "mail batch",
            r.Reason,
            r.Recipients,
            r.Attempt,
            r.ClaimedAt,
            subject,
            href);
    }
}
