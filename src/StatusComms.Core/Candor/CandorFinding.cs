namespace StatusComms.Candor;

/// <summary>
/// One thing the check found. Errors block publishing unless the comms lead overrides them with a reason;
/// warnings inform.
/// </summary>
/// <param name="RuleId">Stable id of the rule ("vague-phrase").</param>
/// <param name="Field">Where: "body", "title", "next_update_at" or "action_items[2]".</param>
/// <param name="Start">Offset of the offending text in that field, or -1 when the finding is about something missing.</param>
/// <param name="Length">Length of the offending text (0 when missing).</param>
/// <param name="Message">What is wrong, in words a non-engineer understands.</param>
/// <param name="Suggestion">A rewrite or what to add.</param>
public sealed record CandorFinding(
    string RuleId,
    FindingSeverity Severity,
    string Field,
    int Start,
    int Length,
    string Message,
    string Suggestion)
{
    public static CandorFinding Missing(string ruleId, FindingSeverity severity, string field, string message, string suggestion)
        => new(ruleId, severity, field, -1, 0, message, suggestion);
}

public enum FindingSeverity
{
    Warning,
    Error,
}
