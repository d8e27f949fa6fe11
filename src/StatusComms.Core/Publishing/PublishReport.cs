namespace StatusComms.Publishing;

/// <summary>What one publish did.</summary>
public sealed record PublishReport(long Version, int Written, int Unchanged, int Superseded, TimeSpan Elapsed);
