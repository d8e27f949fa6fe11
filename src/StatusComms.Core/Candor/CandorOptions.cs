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

    /// <summary>Flesch-Kincaid grade above which a message warns (default 10); four grades above it is an error.</summary>
    public double MaxGradeLevel { get; init; } = 10;

    /// <summary>Acronyms customers know, which need no explanation.</summary>
    public HashSet<string> KnownAcronyms { get; init; } = new(StringComparer.Ordinal)
    {
        "API", "APIs", "UTC", "EU", "US", "UK", "CSV", "PDF", "SSO", "URL", "URLs", "ID", "IDs", "SMS", "FAQ", "PM", "AM", "GMT", "CEST", "CET", "PST", "EST", "SDK", "SDKs", "iOS", "HTTP", "HTTPS", "IP", "VPN", "OK",
    };

    /// <summary>How many unexplained jargon terms make a message jargon-heavy (an error rather than warnings).</summary>
    public int JargonErrorThreshold { get; init; } = 2;

    public TimeSpan CadenceFor(IncidentImpact impact)
        => TimeSpan.FromMinutes(CadenceMinutes.TryGetValue(impact, out var minutes) ? minutes : 240);
}
