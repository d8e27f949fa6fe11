using System.Globalization;
using StatusComms.Candor;
using StatusComms.Components;
using StatusComms.Incidents;

namespace StatusComms.CommsConsole;

// View models of the comms lead's console (templates/console). Strings are raw text: the templates encode them.

/// <summary>What every console page needs: who is signed in, the form token, the assets, and which screen this is.</summary>
/// <param name="AntiForgery">The token every form posts back as <c>_csrf</c>.</param>
public sealed record ConsoleChrome(string PageName, string PublicUrl, string? UserName, string AntiForgery, ConsoleAssetLinks Assets, ConsoleSection Section)
{
    /// <summary>The running drill this person works in: every screen says so, loudly.</summary>
    public DrillBanner? Drill { get; init; }
}

/// <param name="SandboxUrl">The drill's sandbox page (its folder of the site).</param>
public sealed record DrillBanner(string Id, string Title, string SandboxUrl);

public sealed record ConsoleAssetLinks(string StylesheetHref, string ScriptHref);

public enum ConsoleSection
{
    SignIn,
    Now,
    Compose,
    Incident,
    Postmortem,
    Components,
    Subscribers,
    Maintenance,
    Drills,
}

/// <summary>templates/console/SignIn.cshtml.</summary>
public sealed record SignInView(ConsoleChrome Chrome, string? ReturnTo, string? Error, string? Name, bool SignedOut);

/// <summary>templates/console/Now.cshtml: the page as customers see it, and what needs the comms lead now.</summary>
public sealed record NowView(
    ConsoleChrome Chrome,
    DateTimeOffset Now,
    string Indicator,
    string IndicatorDescription,
    IReadOnlyList<OpenIncidentRow> Incidents,
    IReadOnlyList<MaintenanceRow> Maintenances,
    IReadOnlyList<SubscriberCountRow> Subscribers,
    IReadOnlyList<DeliveryProblemRow> Problems,
    int ComponentCount)
{
    /// <summary>The overdue steps of the playbook each open incident runs from, by incident id (none listed: none overdue).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Playbooks.StepState>> OverdueSteps { get; init; } = new Dictionary<string, IReadOnlyList<Playbooks.StepState>>();
}

/// <summary>How close the promised next update is.</summary>
public enum PromiseState
{
    /// <summary>Nothing was promised.</summary>
    None,
    Kept,
    DueSoon,
    Overdue,
}

public sealed record OpenIncidentRow(
    string Id,
    string Name,
    string StageLabel,
    IncidentImpact Impact,
    string ImpactLabel,
    DateTimeOffset StartedAt,
    string Age,
    IncidentUpdate? LastUpdate,
    DateTimeOffset? NextUpdateAt,
    PromiseState Promise,
    string PromiseText);

public sealed record MaintenanceRow(string Id, string Name, string StatusLabel, DateTimeOffset ScheduledFor, DateTimeOffset ScheduledUntil, bool Active);

public sealed record SubscriberCountRow(string Label, int Count);

public sealed record DeliveryProblemRow(string Key, string Target, string StateLabel, string? Reason, int Recipients, DateTimeOffset ClaimedAt);

/// <summary>templates/console/Compose.cshtml: a new incident, or the next update of one.</summary>
/// <param name="Action">Where the form posts.</param>
/// <param name="Incident">The incident updated; null for a new one.</param>
/// <param name="Conflict">Updates someone else posted since the draft was started (after a 409), newest first.</param>
public sealed record ComposeView(
    ConsoleChrome Chrome,
    string Title,
    string Action,
    ComposeForm Form,
    Incident? Incident,
    bool Reopening,
    IReadOnlyList<ComponentChoice> Components,
    IReadOnlyList<string> Templates,
    IReadOnlyList<FieldInput> Fields,
    IReadOnlyList<IncidentStatus> Stages,
    LiveView? Live,
    IReadOnlyList<string> Problems,
    IReadOnlyList<IncidentUpdate> Conflict);

/// <summary>What the comms lead typed, as the form posts it (times in UTC).</summary>
public sealed record ComposeForm
{
    public string Name { get; init; } = string.Empty;
    public IncidentStatus Stage { get; init; } = IncidentStatus.Investigating;
    public IncidentImpact? Impact { get; init; }
    public string Body { get; init; } = string.Empty;
    public DateTimeOffset? NextUpdateAt { get; init; }
    public string? Template { get; init; }
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    /// <summary>The status each affected component is put in ("" entries are not affected).</summary>
    public IReadOnlyDictionary<string, ComponentStatus> ComponentStatuses { get; init; } = new Dictionary<string, ComponentStatus>();

    public string? OverrideReason { get; init; }

    /// <summary>The incident's version the draft was started from (its ETag); null for a new incident.</summary>
    public string? Version { get; init; }

    /// <summary>How many updates the incident had when the draft was started: those after it are someone else's.</summary>
    public int Seen { get; init; }

    public bool Deliver { get; init; } = true;
}

/// <summary>A component as the compose form offers it: its group, its status now, and the status the draft gives it.</summary>
public sealed record ComponentChoice(string Id, string Name, string? GroupName, ComponentStatus Current, ComponentStatus? Chosen);

/// <summary>A template field still to fill (a <c>[[name]]</c> left in the text), with what it means.</summary>
public sealed record FieldInput(string Name, string Description, string Value);

/// <summary>The findings, the text with the offending words marked, and exactly what customers and subscribers would get.</summary>
public sealed record LiveView(
    IReadOnlyList<CandorFinding> Findings,
    IReadOnlyList<TextSpan> MarkedBody,
    string PagePreviewHtml,
    string MailSubject,
    string MailText)
{
    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);
}

/// <summary>The model of _Findings.cshtml: findings listed with their suggestions, under an element id fields can point at.</summary>
public sealed record FindingList(string Id, IReadOnlyList<CandorFinding> Findings);

/// <summary>A run of the draft's text; <see cref="Rule"/> names the finding that marks it (null: unmarked).</summary>
public sealed record TextSpan(string Text, string? Rule, FindingSeverity Severity);

/// <summary>templates/console/Incident.cshtml: the whole timeline, who wrote what, what the check said, and what was delivered.</summary>
public sealed record IncidentView(ConsoleChrome Chrome, Incident Incident, string ImpactLabel, string StageLabel, IReadOnlyList<string> AffectedComponents, IReadOnlyList<TimelineRow> Timeline, string PublicHref, string? Notice)
{
    /// <summary>The checklist of the playbook the incident runs from, if it does.</summary>
    public Playbooks.PlaybookChecklist? Checklist { get; init; }

    /// <summary>The playbooks it can be run from, when it runs from none yet (with the roles each names).</summary>
    public IReadOnlyList<Playbooks.Playbook> Playbooks { get; init; } = [];

    /// <summary>Why the last playbook form was refused, shown beside it.</summary>
    public string? PlaybookProblem { get; init; }
}

public sealed record TimelineRow(IncidentUpdate Update, string StageLabel, int Errors, int Warnings, DeliverySummary Delivery);

/// <summary>Where the mails and webhooks of one update stand.</summary>
public sealed record DeliverySummary(bool Planned, bool PlanComplete, int Batches, int Sent, int Pending, int Problems, int Webhooks, int Recipients)
{
    public static readonly DeliverySummary NotPlanned = new(false, false, 0, 0, 0, 0, 0, 0);
}

/// <summary>templates/console/Components.cshtml: add, edit, group and reorder what customers see.</summary>
public sealed record ComponentsView(ConsoleChrome Chrome, IReadOnlyList<ComponentRow> Components, IReadOnlyList<Component> Groups, string? Notice, IReadOnlyList<string> Problems);

public sealed record ComponentRow(Component Component, string? GroupName, ComponentStatus Displayed, bool First, bool Last);

/// <summary>How console forms write and read times and dates: always UTC, as the console says them.</summary>
public static class ConsoleFormat
{
    /// <summary>A time from a <c>datetime-local</c> field, read as UTC.</summary>
    public static bool TryUtc(string text, out DateTimeOffset at)
    {
        var ok = DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed);
        at = ok ? new DateTimeOffset(parsed, TimeSpan.Zero) : default;
        return ok;
    }

    /// <summary>A date from a <c>date</c> field.</summary>
    public static bool TryDate(string text, out DateOnly date)
        => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>The value of a <c>datetime-local</c> field for a UTC time.</summary>
    public static string TimeInput(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>The value of a <c>date</c> field.</summary>
    public static string DateInput(DateOnly? date) => date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty;
}

/// <summary>The model of _Top.cshtml: the page's title and the chrome.</summary>
public sealed record ConsoleHead(string Title, ConsoleChrome Chrome);
