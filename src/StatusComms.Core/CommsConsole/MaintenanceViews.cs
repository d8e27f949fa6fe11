using System.Text.Json.Serialization;
using StatusComms.Candor;
using StatusComms.Maintenance;

namespace StatusComms.CommsConsole;

// View models of the console's maintenance screens (templates/console/Maintenance*.cshtml). Strings are raw text:
// the templates encode them.

/// <summary>templates/console/Maintenances.cshtml: planned work in progress, coming up, and done lately.</summary>
public sealed record MaintenanceListView(
    ConsoleChrome Chrome,
    IReadOnlyList<MaintenanceListRow> InProgress,
    IReadOnlyList<MaintenanceListRow> Upcoming,
    IReadOnlyList<MaintenanceListRow> Recent);

/// <param name="Attention">What someone has to do because the window has moved on without them, if anything.</param>
public sealed record MaintenanceListRow(
    string Id,
    string Name,
    string StatusLabel,
    DateTimeOffset ScheduledFor,
    DateTimeOffset ScheduledUntil,
    IReadOnlyList<string> Components,
    string? Attention);

/// <summary>templates/console/NewMaintenance.cshtml: schedule planned work and announce it.</summary>
public sealed record NewMaintenanceView(
    ConsoleChrome Chrome,
    MaintenanceForm Form,
    IReadOnlyList<MaintenanceComponentChoice> Components,
    IReadOnlyList<FieldInput> Fields,
    MaintenanceCheck? Check,
    IReadOnlyList<string> Problems);

/// <summary>What the comms lead typed on the schedule form, as the form posts it (times in UTC).</summary>
public sealed record MaintenanceForm
{
    public string Name { get; init; } = string.Empty;
    public DateTimeOffset? ScheduledFor { get; init; }
    public DateTimeOffset? ScheduledUntil { get; init; }
    public IReadOnlyList<string> ComponentIds { get; init; } = [];
    public bool AutoTransition { get; init; } = true;
    public string Body { get; init; } = string.Empty;
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();
    public string? OverrideReason { get; init; }
}

/// <summary>A component as the schedule form offers it, under its group.</summary>
public sealed record MaintenanceComponentChoice(string Id, string Name, string? GroupName, bool Chosen);

/// <summary>What the candor check says of a draft, with the words each finding points at marked.</summary>
public sealed record MaintenanceCheck(IReadOnlyList<CandorFinding> Findings, IReadOnlyList<TextSpan> MarkedBody)
{
    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);

    public int Errors => Findings.Count(f => f.Severity == FindingSeverity.Error);
}

/// <summary>templates/console/Maintenance.cshtml: the maintenance, what can be posted on it now, and its timeline.</summary>
/// <param name="StatusLabel">The stage customers see now (the window moves it when automatic transitions are on).</param>
/// <param name="PublicHref">Where customers see it, while it is upcoming or in progress; null once it is over.</param>
public sealed record MaintenanceView(
    ConsoleChrome Chrome,
    ScheduledMaintenance Maintenance,
    string StatusLabel,
    IReadOnlyList<string> AffectedComponents,
    IReadOnlyList<MaintenanceActionView> Actions,
    IReadOnlyList<MaintenanceTimelineRow> Timeline,
    string? PublicHref,
    string? Notice,
    IReadOnlyList<string> Problems);

public sealed record MaintenanceTimelineRow(MaintenanceUpdate Update, string StatusLabel, int Errors, int Warnings);

/// <summary>What a comms lead can post on a maintenance from its page.</summary>
public enum MaintenanceAction
{
    /// <summary>Free text, the stage unchanged.</summary>
    [JsonStringEnumMemberName("update")]
    Update,

    [JsonStringEnumMemberName("start")]
    Start,

    [JsonStringEnumMemberName("extend")]
    Extend,

    [JsonStringEnumMemberName("complete")]
    Complete,

    [JsonStringEnumMemberName("cancel")]
    Cancel,
}

/// <summary>One form of the maintenance page, prefilled from its pre-written message, with what the check says of it.</summary>
/// <param name="Key">The action as the form posts it ("start").</param>
/// <param name="Template">The pre-written message it starts from; null for a free update.</param>
/// <param name="Drafted">True for the form just posted back (kept as typed; the page's problems are about it).</param>
public sealed record MaintenanceActionView(
    MaintenanceAction Action,
    string Key,
    string Heading,
    string Hint,
    string Button,
    string? Template,
    MaintenanceActionDraft Draft,
    IReadOnlyList<FieldInput> Fields,
    MaintenanceCheck? Check,
    bool Drafted);

/// <summary>What the comms lead typed into one of the maintenance page's forms.</summary>
public sealed record MaintenanceActionDraft
{
    public string Body { get; init; } = string.Empty;
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();
    public string? OverrideReason { get; init; }

    /// <summary>The new end of the window (extend only), UTC.</summary>
    public DateTimeOffset? NewEnd { get; init; }

    /// <summary>The maintenance's version the draft was started from (its ETag).</summary>
    public string? Version { get; init; }
}
