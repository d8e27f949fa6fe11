namespace StatusComms.Publishing;

/// <summary>A page a stored change made stale; <paramref name="Token"/> identifies that exact mark.</summary>
public sealed record PendingPage(PendingPageKind Kind, string Id, string Token);

public enum PendingPageKind
{
    Incident,
}
