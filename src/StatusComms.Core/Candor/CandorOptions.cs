using StatusComms.Incidents;

namespace StatusComms.Candor;

/// <summary>Settings of the candor check (section StatusComms:Candor).</summary>
public sealed class CandorOptions
{
    /// <summary>Longest wait until the next update, by impact. Defaults: critical 30, major 60, minor 120, none 240 minutes.</summary>
    public Dictionary<IncidentImpact, int> CadenceMinutes { get; init; } = new()
    {
        [IncidentImpact.Critical] = 30,
        [IncidentImpact.Major] = 60,
        [IncidentImpact.Minor] = 120,
        [IncidentImpact.None] = 240,
    };

    /// <summary>
    /// A next update further away than the cadence warns; further than this many times the cadence (default 3: 90
    /// minutes on a critical incident, 3 hours on a major one) is an error.
    /// </summary>
    public double CadenceErrorFactor { get; init; } = 3;

    /// <summary>
    /// How far a promise written in the words may stray (default 5 minutes): past the cadence ("by 20:15" written at
    /// 19:14 for a major incident), or from <c>next_update_at</c> before the two are said to disagree.
    /// </summary>
    public int PromiseToleranceMinutes { get; init; } = 5;

    /// <summary>Flesch-Kincaid grade above which a customer update gets a readability warning (default 12; postmortems get four grades more).</summary>
    public double MaxGradeLevel { get; init; } = 12;

    /// <summary>How many distinct unexplained internal terms make a customer update jargon-heavy (an error rather than warnings; default 3). Postmortems only warn.</summary>
    public int JargonErrorThreshold { get; init; } = 3;

    /// <summary>
    /// IANA zone that clock times written without a zone are read in ("by 10:30"). Default: the page's zone
    /// (StatusComms:TimeZone), else UTC.
    /// </summary>
    public string? TimeZone { get; set; }

    /// <summary>
    /// What errors do to a post (default <see cref="CandorEnforcement.Block"/>): block it with 422 unless it carries
    /// <c>candor_override_reason</c>, or only warn (the findings are stored and returned with the update).
    /// </summary>
    public CandorEnforcement Enforcement { get; init; } = CandorEnforcement.Block;

    public TimeSpan CadenceFor(IncidentImpact impact)
        => TimeSpan.FromMinutes(CadenceMinutes.TryGetValue(impact, out var minutes) ? minutes : 240);

    public TimeSpan PromiseTolerance => TimeSpan.FromMinutes(Math.Max(0, PromiseToleranceMinutes));

    public TimeZoneInfo Zone => _zone ??= NextUpdatePromises.Zone(TimeZone);

    private TimeZoneInfo? _zone;
}

/// <summary>What candor errors do to a post (StatusComms:Candor:Enforcement).</summary>
public enum CandorEnforcement
{
    /// <summary>Errors refuse the post (422) unless it gives <c>candor_override_reason</c>.</summary>
    Block,

    /// <summary>Errors are stored and returned with the update but do not refuse it: for alerting integrations.</summary>
    Warn,
}
