namespace StatusComms.Candor;

/// <summary>
/// A draft the candor check found errors in, posted without an override reason. The edge answers 422 with the
/// findings, so the comms lead sees what to fix (or overrides with a reason, which is recorded).
/// </summary>
public sealed class CandorRejectedException : Exception
{
    public CandorRejectedException(IReadOnlyList<CandorFinding> findings)
        : base($"The message has {findings.Count(f => f.Severity == FindingSeverity.Error)} problem(s) customers would notice. Fix them, or post again with candor_override_reason saying why it should go out as it is.")
    {
        Findings = findings;
    }

    public CandorRejectedException()
    {
        Findings = [];
    }

    public CandorRejectedException(string message)
        : base(message)
    {
        Findings = [];
    }

    public CandorRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Findings = [];
    }

    public IReadOnlyList<CandorFinding> Findings { get; }
}
