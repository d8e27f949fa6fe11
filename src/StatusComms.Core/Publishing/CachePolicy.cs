namespace StatusComms.Publishing;

/// <summary>
/// Cache-Control for each kind of published file (docs/api.md explains the choice). The site is read most during
/// an incident, when news must reach readers quickly and the origin must not be hammered: files that show current
/// state are cached briefly by browsers and CDNs; files that rarely change once written, longer; content-addressed
/// assets, forever.
/// </summary>
public static class CachePolicy
{
    /// <summary>
    /// The front page, the status API files, the open incidents' pages, the badge: 5 s at the edge (s-maxage, which
    /// Azure Front Door honours before max-age) and 4 s in the browser. A customer behind the CDN sees an update at most
    /// 5 s after it is published when the edge sends its Age header, 9 s when it does not (<see cref="EdgeFreshness"/>);
    /// the origin sees about one request per file per 5 s per edge site. No stale-while-revalidate: Front Door
    /// ignores it, and a browser serving a stale copy would break the bound.
    /// </summary>
    public const string Current = "public, max-age=4, s-maxage=5";

    /// <summary>Feed readers poll; a minute is plenty.</summary>
    public const string Feed = "public, max-age=60";

    /// <summary>Resolved incidents and past months: they change only with a late correction.</summary>
    public const string Settled = "public, max-age=300";

    /// <summary>Assets whose file name carries their hash: never stale.</summary>
    public const string Immutable = "public, max-age=31536000, immutable";
}
