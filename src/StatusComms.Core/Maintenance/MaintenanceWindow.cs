using StatusComms.Common;

namespace StatusComms.Maintenance;

/// <summary>
/// When planned work happens: from <see cref="Start"/> to <see cref="End"/>, end after start. The window decides
/// where a maintenance stands on the clock — before, open, closed — and when its subscribers are reminded.
/// </summary>
public readonly record struct MaintenanceWindow
{
    public MaintenanceWindow(DateTimeOffset start, DateTimeOffset end)
    {
        if (end <= start)
        {
            throw new DomainRuleException("A maintenance window must end after it starts.");
        }

        Start = start;
        End = end;
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    public bool HasOpened(DateTimeOffset now) => now >= Start;

    public bool HasClosed(DateTimeOffset now) => now >= End;

    public bool IsOpen(DateTimeOffset now) => HasOpened(now) && !HasClosed(now);

    /// <summary>The same work ending at another time (running long, or finishing early).</summary>
    public MaintenanceWindow EndingAt(DateTimeOffset end) => new(Start, end);

    /// <summary>Whether a reminder <paramref name="prior"/> before the start is due at <paramref name="now"/>: from then until the start.</summary>
    public bool IsReminderDue(TimeSpan prior, DateTimeOffset now) => now >= Start - prior && now < Start;
}
