namespace StatusComms.StatusPage;

/// <summary>The one page this deployment serves.</summary>
/// <param name="Id">Statuspage-style page id used in the management API's paths.</param>
/// <param name="Name">The name customers see ("Acme Cloud").</param>
/// <param name="Url">Public URL of the status site, without a trailing slash.</param>
/// <param name="TimeZone">IANA zone Statuspage clients expect in <c>page.time_zone</c>; times are shown in UTC.</param>
/// <param name="UptimeWeights">How much of each status counts as downtime; Statuspage's weights when null.</param>
/// <param name="SubscribeUrl">Where the page's subscribe form posts (the public subscribe endpoint); no form when null.</param>
public sealed record PageSettings(string Id, string Name, string Url, string TimeZone, Uptime.UptimeWeights? UptimeWeights = null, string? SubscribeUrl = null)
{
    /// <summary>The path of the site's folder the pages are published to and link within: "/" for the real page, "/drills/{id}/" for a drill's sandbox.</summary>
    public string SiteRoot { get; init; } = "/";

    /// <summary>For a drill's sandbox page, the real page's URL (this page's <see cref="Url"/> is the sandbox's folder); null for the real page.</summary>
    public string? SandboxOf { get; init; }

    /// <summary>A drill's sandbox page: never indexed, and it says on every page that it is a rehearsal.</summary>
    public bool Sandbox => SandboxOf is not null;

    /// <summary>The real page's URL, also from a drill's sandbox page.</summary>
    public string RealUrl => SandboxOf ?? Url;

    /// <summary>The origin the subscribe form posts to, for the page's Content-Security-Policy form-action.</summary>
    public string? SubscribeOrigin => SubscribeUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;

    public Uptime.UptimeWeights Weights => UptimeWeights ?? Uptime.UptimeWeights.Default;
}
