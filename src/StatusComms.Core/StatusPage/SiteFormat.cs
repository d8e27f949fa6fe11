using System.Globalization;

namespace StatusComms.StatusPage;

/// <summary>How the site writes times: machine-readable ISO 8601 in UTC, and a short human form, also in UTC.</summary>
public static class SiteFormat
{
    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Human(DateTimeOffset time) => time.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Clock(DateTimeOffset time) => time.UtcDateTime.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"52 minutes", "3 hours 5 minutes", "2 days 4 hours".</summary>
    public static string Duration(TimeSpan span)
    {
        static string Unit(int n, string name) => n == 1 ? $"1 {name}" : $"{n} {name}s";
        if (span.TotalMinutes < 1)
        {
            return "less than a minute";
        }

        if (span.TotalHours < 1)
        {
            return Unit((int)span.TotalMinutes, "minute");
        }

        if (span.TotalDays < 1)
        {
            return span.Minutes == 0 ? Unit((int)span.TotalHours, "hour") : $"{Unit((int)span.TotalHours, "hour")} {Unit(span.Minutes, "minute")}";
        }

        return span.Hours == 0 ? Unit((int)span.TotalDays, "day") : $"{Unit((int)span.TotalDays, "day")} {Unit(span.Hours, "hour")}";
    }
}
