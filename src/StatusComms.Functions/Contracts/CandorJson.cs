using StatusComms.Candor;

namespace StatusComms.Functions.Contracts;

/// <summary>The candor check's verdict on an update, as the comms lead sees it in API responses.</summary>
public sealed record CandorJson(IReadOnlyList<FindingJson> Findings, string? OverrideReason)
{
    public static CandorJson From(CandorReview review) => new(review.Findings.Select(FindingJson.From).ToArray(), review.OverrideReason);
}

/// <summary>One finding: the rule, how serious, where in which field, what is wrong and what to write instead.</summary>
public sealed record FindingJson(string RuleId, string Severity, string Field, int? Start, int? Length, string Message, string Suggestion)
{
    public static FindingJson From(CandorFinding finding)
        => new(
            finding.RuleId,
            finding.Severity == FindingSeverity.Error ? "error" : "warning",
            finding.Field,
            finding.Start < 0 ? null : finding.Start,
            finding.Start < 0 ? null : finding.Length,
            finding.Message,
            finding.Suggestion);
}
