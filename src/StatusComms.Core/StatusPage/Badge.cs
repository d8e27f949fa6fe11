using System.Globalization;
using System.Net;

namespace StatusComms.StatusPage;

/// <summary>
/// badge.svg: a small two-part badge ("status | All Systems Operational") for READMEs and dashboards. Its colour
/// follows the indicator; the words say the same, so it never relies on colour alone.
/// </summary>
public static class Badge
{
    public const string Path = "badge.svg";

    public static string Svg(string pageName, PageIndicator indicator, string description)
    {
        const string label = "status";
        var labelWidth = TextWidth(label) + 12;
        var valueWidth = TextWidth(description) + 12;
        var width = labelWidth + valueWidth;
        var colour = indicator switch
        {
            PageIndicator.None => "#1a7f37",
            PageIndicator.Minor => "#7d4e00",
            PageIndicator.Major => "#953800",
            PageIndicator.Critical => "#a40e26",
            _ => "#0550ae",
        };
        var title = WebUtility.HtmlEncode($"{pageName} status: {description}");
        var text = WebUtility.HtmlEncode(description);
        return string.Create(CultureInfo.InvariantCulture, $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" aria-label="{title}"><title>{title}</title><rect width="{labelWidth}" height="20" rx="3" fill="#424a53"/><rect x="{labelWidth}" width="{valueWidth}" height="20" rx="3" fill="{colour}"/><rect x="{labelWidth}" width="4" height="20" fill="{colour}"/><g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle"><text x="{labelWidth / 2.0}" y="14">{label}</text><text x="{labelWidth + (valueWidth / 2.0)}" y="14">{text}</text></g></svg>
            """);
    }

    /// <summary>Verdana 11px is about 7 px per character on average: close enough for a badge.</summary>
    private static int TextWidth(string text) => (int)Math.Ceiling(text.Length * 7.0);
}
