namespace StatusComms.Publishing;

/// <summary>What one publish did, and where its time went.</summary>
/// <param name="Reading">Reading the version and the data (the parallel reads, the uptime roll-up, the pending incidents and month pages).</param>
/// <param name="Rendering">Rendering every page, the API files and the feeds.</param>
/// <param name="Writing">Writing the artifacts and clearing the pending marks.</param>
/// <param name="WrittenPaths">The files this publish wrote (their content had changed).</param>
public sealed record PublishReport(long Version, int Written, int Unchanged, int Superseded, TimeSpan Elapsed, TimeSpan Reading = default, TimeSpan Rendering = default, TimeSpan Writing = default, IReadOnlyList<string>? WrittenPaths = null);
