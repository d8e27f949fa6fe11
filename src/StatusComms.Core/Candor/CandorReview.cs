namespace StatusComms.Candor;

/// <summary>What the candor check said about a published update, and why it went out despite any error.</summary>
public sealed record CandorReview(IReadOnlyList<CandorFinding> Findings, string? OverrideReason)
{
    public static readonly CandorReview None = new([], null);

    /// <summary>A reason is a sentence or two for the next reader, not a document.</summary>
    public const int MaxOverrideReasonLength = 1_000;

    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);

    /// <summary>
    /// Reviews a draft. Errors without an override reason reject it when the check blocks (the default); when it
    /// only warns (<see cref="CandorEnforcement.Warn"/>, for alerting integrations) they are recorded with the update.
    /// </summary>
    /// <param name="enforce">False for a preview: the findings are returned, never thrown.</param>
    public static CandorReview Of(CandorCheck check, CandorDraft draft, string? overrideReason, bool enforce = true)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (overrideReason?.Length > MaxOverrideReasonLength)
        {
            throw new Common.DomainRuleException($"An override reason has at most {MaxOverrideReasonLength:N0} characters: say in a sentence or two why this goes out as it is.");
        }

        var findings = check.Check(draft);
        var review = new CandorReview(findings, string.IsNullOrWhiteSpace(overrideReason) ? null : overrideReason.Trim());
        return enforce && review.HasErrors && review.OverrideReason is null && check.Options.Enforcement == CandorEnforcement.Block
            ? throw new CandorRejectedException(findings)
            : review;
    }
}
