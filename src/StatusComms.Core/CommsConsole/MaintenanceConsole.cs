using StatusComms.Candor;
using StatusComms.Components;
using StatusComms.Maintenance;
using StatusComms.Messages;
using StatusComms.StatusPage;

namespace StatusComms.CommsConsole;

/// <summary>
/// Reads what the console's maintenance screens show, and turns what a comms lead does there (schedule, post an
/// update, start, extend, complete, cancel) into the maintenance's changes, each starting from its pre-written
/// message. Which forms the page offers is a convenience: the maintenance itself refuses what it does not allow.
/// </summary>
public sealed class MaintenanceConsole(IMaintenanceStore maintenances, IComponentStore components, MessageLibrary messages, PageSettings page, TimeProvider time)
{
    /// <summary>How many completed maintenances the list shows.</summary>
    public const int RecentLength = 20;

    public const string AnnouncedTemplate = "maintenance/announced";

    /// <summary>How long a new window lasts, and how far an extension moves its end, until the comms lead says otherwise.</summary>
    public static readonly TimeSpan DefaultLength = TimeSpan.FromHours(2);

    public static readonly TimeSpan DefaultExtension = TimeSpan.FromHours(1);

    /// <summary>The page's forms, the usual next step first.</summary>
    private static readonly MaintenanceAction[] PageOrder = [MaintenanceAction.Start, MaintenanceAction.Complete, MaintenanceAction.Update, MaintenanceAction.Extend, MaintenanceAction.Cancel];

    public async Task<MaintenanceListView> ListAsync(ConsoleChrome chrome, CancellationToken cancellationToken)
    {
        var openTask = maintenances.ListOpenAsync(cancellationToken);
        var recentTask = maintenances.ListRecentAsync(MaintenanceService.ListLength, cancellationToken);
        var knownTask = components.ListAsync(cancellationToken);
        await Task.WhenAll(openTask, recentTask, knownTask);
        var now = time.GetUtcNow();
        var names = knownTask.Result.ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal);
        var all = openTask.Result.Concat(recentTask.Result).DistinctBy(m => m.Id).ToArray();
        MaintenanceListRow Row(ScheduledMaintenance m) => new(
            m.Id,
            m.Name,
            StatusLabels.For(m.EffectiveStatus(now)),
            m.ScheduledFor,
            m.ScheduledUntil,
            m.ComponentIds.Select(names.GetValueOrDefault).OfType<string>().ToArray(),
            Attention(m, now));
        var open = all.Where(m => m.EffectiveStatus(now) != MaintenanceStatus.Completed).ToArray();
        return new MaintenanceListView(
            chrome,
            open.Where(m => now >= m.ScheduledFor || m.IsActive(now)).OrderBy(m => m.ScheduledUntil).Select(Row).ToArray(),
            open.Where(m => now < m.ScheduledFor && !m.IsActive(now)).OrderBy(m => m.ScheduledFor).Select(Row).ToArray(),
            all.Where(m => m.EffectiveStatus(now) == MaintenanceStatus.Completed).OrderByDescending(m => m.ScheduledUntil).Take(RecentLength).Select(Row).ToArray());
    }

    /// <summary>What someone has to do because the window moved on without them (automatic transitions off, or nothing posted).</summary>
    public static string? Attention(ScheduledMaintenance maintenance, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(maintenance);
        var status = maintenance.EffectiveStatus(now);
        if (status == MaintenanceStatus.Completed)
        {
            return null;
        }

        if (now >= maintenance.ScheduledUntil)
        {
            return "Its window has ended: complete it, or extend it.";
        }

        return status == MaintenanceStatus.Scheduled && now >= maintenance.ScheduledFor ? "Its window has opened: say that the work has started." : null;
    }

    /// <summary>The schedule form as it first appears: a window starting at the next full hour a day from now.</summary>
    public MaintenanceForm NewForm()
    {
        var at = time.GetUtcNow().AddDays(1).AddHours(1);
        var start = new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, 0, 0, TimeSpan.Zero);
        return new MaintenanceForm { ScheduledFor = start, ScheduledUntil = start + DefaultLength };
    }

    /// <summary>The text of the announced message for the draft as it stands (its window and components).</summary>
    public async Task<string> AnnouncementAsync(MaintenancePreview draft, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return (await messages.DraftMaintenanceAsync(draft.Maintenance, draft.Components, AnnouncedTemplate, fields, cancellationToken)).Body;
    }

    /// <summary>The schedule form's components: grouped as on the page, in the page's order.</summary>
    public static IReadOnlyList<MaintenanceComponentChoice> Choices(IEnumerable<Component> known, IReadOnlyCollection<string> chosen)
        => ConsoleService.Choices(known, new Dictionary<string, ComponentStatus>())
            .Select(c => new MaintenanceComponentChoice(c.Id, c.Name, c.GroupName, chosen.Contains(c.Id)))
            .ToArray();

    /// <summary>The check's findings on a text, with the words they point at marked.</summary>
    public static MaintenanceCheck Check(IReadOnlyList<CandorFinding> findings, string body) => new(findings, ConsoleService.Mark(body, findings));

    /// <summary>
    /// The blanks still in the text (<c>[[change]]</c>), in the order the text has them, each with what it means and
    /// what was typed for it.
    /// </summary>
    public static IReadOnlyList<FieldInput> Blanks(string body, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(fields);
        return MessageContext.FieldDescriptions
            .Select(f => (Field: f, At: body.IndexOf($"[[{f.Key}]]", StringComparison.Ordinal)))
            .Where(f => f.At >= 0)
            .OrderBy(f => f.At)
            .Select(f => new FieldInput(f.Field.Key, f.Field.Value, fields.GetValueOrDefault(f.Field.Key) ?? string.Empty))
            .ToArray();
    }

    /// <summary>The forms the page offers now: starting and cancelling before the work begins, completing once it has.</summary>
    public static IReadOnlyList<MaintenanceAction> Offered(ScheduledMaintenance maintenance, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(maintenance);
        if (maintenance.Status == MaintenanceStatus.Completed)
        {
            return [];
        }

        var begun = maintenance.Status != MaintenanceStatus.Scheduled;
        return PageOrder.Where(a => a switch
        {
            MaintenanceAction.Start => !begun,
            MaintenanceAction.Cancel => !begun && maintenance.EffectiveStatus(now) == MaintenanceStatus.Scheduled,
            MaintenanceAction.Complete => begun || maintenance.EffectiveStatus(now) != MaintenanceStatus.Scheduled,
            _ => true,
        }).ToArray();
    }

    /// <summary>The pre-written message each action starts from (none for a free update).</summary>
    public static string? TemplateOf(MaintenanceAction action) => action switch
    {
        MaintenanceAction.Start => "maintenance/started",
        MaintenanceAction.Extend => "maintenance/extended",
        MaintenanceAction.Complete => "maintenance/completed",
        MaintenanceAction.Cancel => "maintenance/cancelled",
        _ => null,
    };

    /// <summary>
    /// What an action asks of the maintenance. Statuspage has no cancelled stage: cancelled work is completed, with
    /// the message that says it was called off.
    /// </summary>
    public static MaintenanceChanges Changes(MaintenanceAction action, MaintenanceActionDraft draft, string author)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new MaintenanceChanges
        {
            Status = action switch
            {
                MaintenanceAction.Start => MaintenanceStatus.InProgress,
                MaintenanceAction.Complete or MaintenanceAction.Cancel => MaintenanceStatus.Completed,
                _ => null,
            },
            ScheduledUntil = action == MaintenanceAction.Extend ? draft.NewEnd : null,
            Body = draft.Body,
            Author = author,
            CandorOverrideReason = draft.OverrideReason,
        };
    }

    /// <summary>The action's pre-written message, written for this maintenance (an extension with its new end).</summary>
    public async Task<MessageDraft?> DraftAsync(MaintenanceDetails details, MaintenanceAction action, MaintenanceActionDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(draft);
        if (TemplateOf(action) is not { } template)
        {
            return null;
        }

        var fields = new Dictionary<string, string>(draft.Fields, StringComparer.Ordinal);
        if (action == MaintenanceAction.Extend && draft.NewEnd is { } end)
        {
            fields.TryAdd("new_window_end", MessageLibrary.WindowTime(end, details.Maintenance.ScheduledFor));
        }

        return await messages.DraftMaintenanceAsync(details.Maintenance, details.Components, template, fields, cancellationToken);
    }

    /// <summary>
    /// The maintenance page. Every form offered starts from its pre-written message, checked as posting would check
    /// it; the one just posted back (<paramref name="drafted"/>) is shown as typed with <paramref name="check"/>.
    /// </summary>
    public async Task<MaintenanceView> PageAsync(
        ConsoleChrome chrome,
        MaintenanceDetails details,
        (MaintenanceAction Action, MaintenanceActionDraft Draft, MaintenanceCheck? Check)? drafted,
        string? notice,
        IReadOnlyList<string> problems,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        var maintenance = details.Maintenance;
        var now = time.GetUtcNow();
        var actions = new List<MaintenanceActionView>();
        // The form just posted back stays, even when the maintenance has moved on: its text is kept with the refusal.
        var offered = Offered(maintenance, now);
        foreach (var action in PageOrder.Where(a => offered.Contains(a) || drafted?.Action == a))
        {
            if (drafted is { } mine && mine.Action == action)
            {
                actions.Add(ActionView(action, mine.Draft, mine.Check, true));
                continue;
            }

            var start = new MaintenanceActionDraft
            {
                NewEnd = action == MaintenanceAction.Extend ? Later(maintenance.ScheduledUntil, now) + DefaultExtension : null,
                Version = maintenance.Version,
            };
            var written = await DraftAsync(details, action, start, cancellationToken);
            actions.Add(ActionView(action, written is null ? start : start with { Body = written.Body }, written is null ? null : Check(written.Findings, written.Body), false));
        }

        var effective = maintenance.EffectiveStatus(now);
        return new MaintenanceView(
            chrome,
            maintenance,
            StatusLabels.For(effective),
            maintenance.ComponentIds.Select(id => details.Components.GetValueOrDefault(id)?.Name).OfType<string>().ToArray(),
            actions,
            maintenance.Updates
                .Select(u => new MaintenanceTimelineRow(u, StatusLabels.For(u.Status), u.Review.Findings.Count(f => f.Severity == FindingSeverity.Error), u.Review.Findings.Count(f => f.Severity == FindingSeverity.Warning)))
                .Reverse()
                .ToArray(),
            effective == MaintenanceStatus.Completed ? null : page.Url + SiteViewBuilder.MaintenanceHref(maintenance.Id),
            notice,
            problems);
    }

    public const string ScheduledNotice = "Scheduled: the status page shows it now, and subscribers are being told.";

    /// <summary>The notice after an action succeeded.</summary>
    public static string Done(MaintenanceAction action) => action switch
    {
        MaintenanceAction.Start => "Posted: the work has started. The status page shows it now, and subscribers are being told.",
        MaintenanceAction.Extend => "Posted: the window is extended. The status page shows the new end now, and subscribers are being told.",
        MaintenanceAction.Complete => "Posted: the work is complete. The status page shows it now, and subscribers are being told.",
        MaintenanceAction.Cancel => "Posted: the maintenance is cancelled. The status page no longer shows it, and subscribers are being told.",
        _ => "Posted: the status page shows your update now, and subscribers are being told.",
    };

    private static MaintenanceActionView ActionView(MaintenanceAction action, MaintenanceActionDraft draft, MaintenanceCheck? check, bool drafted)
    {
        var (heading, hint, button) = action switch
        {
            MaintenanceAction.Start => ("Start the work", "Tell customers the work has begun and what changes for them until it ends.", "Post: the work has started"),
            MaintenanceAction.Extend => ("Extend the window", "The work runs long: give the new end and say what still changes until then.", "Post: extend the window"),
            MaintenanceAction.Complete => ("Complete the work", "Tell customers it is done and everything works normally again.", "Post: the work is complete"),
            MaintenanceAction.Cancel => ("Cancel the maintenance", "The work will not happen as announced. Customers see it completed, with this message.", "Post: cancel the maintenance"),
            _ => ("Post an update", "Anything customers should know meanwhile, in your own words. The stage stays as it is.", "Post the update"),
        };
        return new MaintenanceActionView(action, Common.WireName.Of(action), heading, hint, button, TemplateOf(action), draft, Blanks(draft.Body, draft.Fields), check, drafted);
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b)
    {
        var later = a > b ? a : b;
        return new DateTimeOffset(later.Year, later.Month, later.Day, later.Hour, later.Minute, 0, TimeSpan.Zero);
    }
}
