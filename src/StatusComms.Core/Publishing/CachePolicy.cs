namespace StatusComms.Publishing;

/// <summary>
/// Cache-Control for each kind of published file (docs/api.md explains the choice). The site is read most during
/// an incident, when news must reach readers quickly and the origin must not be hammered: files that show current
/// state are cached briefly by browsers and CDNs; files that rarely change once written, longer; content-addressed
/// assets, forever.
/// </summary>
public static class CachePolicy
{
    /// <summary>The front page, the status API files, the open incidents' pages, the badge: 30 s, then a CDN may
    /// serve the stale copy for another 30 s while it fetches the new one.</summary>
    public const string Current = "public, max-age=30, stale-while-revalidate=30";

    /// <summary>Feed readers poll; a minute is plenty.</summary>
    public const string Feed = "public, max-age=60";

    /// <summary>Resolved incidents and past months: they change only with a late correction.</summary>
    public const string Settled = "public, max-age=300";

    /// <summary>Assets whose file name carries their hash: never stale.</summary>
    public const string Immutable = "public, max-age=31536000, immutable";
}
