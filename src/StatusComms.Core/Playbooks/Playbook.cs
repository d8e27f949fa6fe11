namespace StatusComms.Playbooks;

/// <summary>
/// The plan for one kind of bad day: what to do, in what order, who owns each step, what it must achieve and by
/// when, with the pre-written message a step sends. Internal: never on the public site, never in a customer mail.
/// </summary>
/// <param name="Id">The file's name without <c>.md</c> ("payment-failure").</param>
/// <param name="Scenario">When to run it, in a sentence.</param>
/// <param name="MessageKind">The message kind (<c>templates/messages/{kind}/</c>) its updates start from.</param>
public sealed record Playbook(string Id, string Title, string Scenario, string MessageKind, IReadOnlyList<PlaybookStep> Steps)
{
    /// <summary>The roles its steps are owned by, in the order they first appear.</summary>
    public IReadOnlyList<PlaybookRole> Roles => Steps.Select(s => s.Owner).Distinct().ToArray();
}

/// <param name="Number">Its place in the order, from 1.</param>
/// <param name="Actions">What to do, one line each.</param>
/// <param name="Result">What the step must achieve: how the owner knows it is done.</param>
/// <param name="Deadline">How long after the start it must be done by, where that matters.</param>
/// <param name="Message">The pre-written message it sends (<c>outage/investigating</c>), if it sends one.</param>
public sealed record PlaybookStep(int Number, string Title, IReadOnlyList<string> Actions, PlaybookRole Owner, string Result, TimeSpan? Deadline, string? Message);

/// <summary>Who owns a step. The incident is run by people named to these roles.</summary>
public enum PlaybookRole
{
    IncidentCommander,
    CommsLead,
    TechLead,
    Scribe,
    LegalPrivacy,
    Support,
}

public static class PlaybookRoles
{
    private static readonly Dictionary<PlaybookRole, string> Names = new()
    {
        [PlaybookRole.IncidentCommander] = "incident commander",
        [PlaybookRole.CommsLead] = "comms lead",
        [PlaybookRole.TechLead] = "tech lead",
        [PlaybookRole.Scribe] = "scribe",
        [PlaybookRole.LegalPrivacy] = "legal/privacy",
        [PlaybookRole.Support] = "support",
    };

    /// <summary>The role's name as people write it ("comms lead").</summary>
    public static string Name(PlaybookRole role) => Names[role];

    public static PlaybookRole? Parse(string text)
        => Names.FirstOrDefault(n => string.Equals(n.Value, text.Trim(), StringComparison.OrdinalIgnoreCase)) is { Value: not null } found ? found.Key : null;

    public static IEnumerable<string> All => Names.Values;

    /// <summary>The console form field naming the person in a role: <c>person_comms_lead</c>.</summary>
    public static string FieldName(PlaybookRole role) => "person_" + Name(role).Replace(' ', '_').Replace('/', '_');
}
