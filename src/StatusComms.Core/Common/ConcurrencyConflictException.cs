namespace StatusComms.Common;

/// <summary>
/// A write based on a stale read: someone else changed the thing since it was read. Never resolved by
/// overwriting; the HTTP edge answers 409 and the caller re-reads.
/// </summary>
public sealed class ConcurrencyConflictException : Exception
{
    public ConcurrencyConflictException(string message)
        : base(message)
    {
    }

    public ConcurrencyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConcurrencyConflictException()
    {
    }
}
