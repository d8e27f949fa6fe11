namespace StatusComms.Common;

/// <summary>
/// A request that breaks a rule of the domain. The message names the rule in words a comms lead understands;
/// the HTTP edge turns it into a 422 problem.
/// </summary>
public sealed class DomainRuleException : Exception
{
    public DomainRuleException(string message)
        : base(message)
    {
    }

    public DomainRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DomainRuleException()
    {
    }
}
