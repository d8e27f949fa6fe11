using System.Globalization;
using System.Text.RegularExpressions;

namespace StatusComms.Candor;

/// <summary>What a message promises about the next time customers hear from the team.</summary>
public enum PromiseKind
{
    /// <summary>"Next update in 30 minutes", "We'll post another update by 10:30 UTC".</summary>
    NextUpdate,

    /// <summary>A monitoring update saying when the incident will be closed: "We expect to resolve the incident within the hour".</summary>
    Closing,
}

/// <summary>A promise read from a message's words, resolved to a time.</summary>
/// <param name="At">When the promise falls due (UTC).</param>
/// <param name="Start">Offset of the promise's words in the text.</param>
/// <param name="Length">Length of the promise's words.</param>
/// <param name="Text">The words, as written.</param>
public sealed record NextUpdatePromise(DateTimeOffset At, int Start, int Length, string Text, PromiseKind Kind);

/// <summary>
/// Reads the promise of the next update from the words of a message, in the forms people write it: a wait ("next
/// update in 30 minutes", "we will update again in one hour or less", "within the hour", "at the top of the hour")
/// or a time ("by 10:30 UTC", "by 3:30 PM PT", "by Friday, 2022-03-18 16:00 US/Pacific"), and resolves it against
/// <c>now</c>: a clock time without a zone is in the page's time zone; one without a date is the nearest such time
/// (a time up to an hour ago is read as already past, so it can be caught). "Shortly", "soon" and "as soon as we know
/// more" are no promise. Pure: no clock of its own.
/// </summary>
public static partial class NextUpdatePromises
{
    /// <summary>The promise that comes first in the text, or null when it makes none.</summary>
    /// <param name="includeClosing">Whether a promise of when the incident will be closed counts (a monitoring update's).</param>
    public static NextUpdatePromise? Find(string? text, DateTimeOffset now, TimeZoneInfo pageZone, bool includeClosing = false)
    {
        ArgumentNullException.ThrowIfNull(pageZone);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        NextUpdatePromise? first = null;
        foreach (var (pattern, kind) in Patterns)
        {
            if (kind == PromiseKind.Closing && !includeClosing)
            {
                continue;
            }

            foreach (Match match in pattern.Matches(text))
            {
                if (first is not null && match.Index >= first.Start)
                {
                    break;
                }

                // "an update tomorrow at 09:00": a day named before the preposition still dates the time.
                var when = match.Groups["when"];
                var lead = match.Value[..(when.Index - match.Index)];
                var written = DayWord().Match(lead) is { Success: true } day && !DayWord().IsMatch(when.Value) ? $"{day.Value} {when.Value}" : when.Value;
                if (Resolve(written, now, pageZone) is { } at)
                {
                    first = new NextUpdatePromise(at, match.Index, match.Length, match.Value, kind);
                    break;
                }
            }
        }

        return first;
    }

    /// <summary>The promise an update at <paramref name="stage"/> makes: a monitoring update may promise the close instead.</summary>
    public static NextUpdatePromise? For(string? text, Incidents.IncidentStatus stage, DateTimeOffset now, TimeZoneInfo pageZone)
        => Find(text, now, pageZone, includeClosing: stage is Incidents.IncidentStatus.Monitoring);

    /// <summary>The page's zone from its IANA id (StatusComms:TimeZone); UTC when it is unknown here.</summary>
    public static TimeZoneInfo Zone(string? ianaId)
        => ianaId is { Length: > 0 } && TryZone(ianaId, out var zone) ? zone : TimeZoneInfo.Utc;

    private static readonly (Regex Pattern, PromiseKind Kind)[] Patterns =
    [
        (Hourly(), PromiseKind.NextUpdate),
        (NextUpdateNoun(), PromiseKind.NextUpdate),
        (WillUpdateVerb(), PromiseKind.NextUpdate),
        (ClosingPromise(), PromiseKind.Closing),
    ];

    /// <summary>A time expression: a wait or a clock time, with an optional day, date and zone.</summary>
    private const string When =
        @"(?<when>(?:the\s+)?(?:next|coming)\s+(?:\d+\s*(?:-|–|to)\s*)?(?:\d+|an?|one|two|three|four|five|six|ten|fifteen|twenty|thirty|forty[- ]five|sixty|ninety|half\s+an?|few)?\s*(?:minutes?|mins?|hours?|hrs?|half[- ]hour)\b"
        + @"|the\s+hour\b|the\s+top\s+of\s+the\s+hour\b|the\s+half[- ]hour\b|hour\b"
        + @"|(?:about\s+|approximately\s+|around\s+|roughly\s+|~\s*|no\s+more\s+than\s+|not\s+more\s+than\s+|at\s+most\s+|less\s+than\s+|under\s+|up\s+to\s+)?(?:\d+\s*(?:-|–|to|or)\s*)?(?:\d+|an?|one|two|three|four|five|six|ten|fifteen|twenty|thirty|forty[- ]five|sixty|ninety|half\s+an?)\s*(?:minutes?|mins?|hours?|hrs?|h|m)\b"
        + @"|(?:(?:today|tonight|tomorrow|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?,?\s+)?(?:(?:on\s+)?\d{4}-\d{2}-\d{2}(?:,|\s+at)?\s+)?(?:at\s+)?(?:\d{1,2}:\d{2}\s*(?:[ap]\.?\s?m\.?)?|\d{1,2}\s*[ap]\.?\s?m\.?|noon|midnight)(?:\s*(?:\(?(?:UTC|GMT)(?:\s?[+-]\s?\d{1,2}(?::?\d{2})?)?\)?|[A-Z][A-Za-z]+/[A-Za-z_]+(?:/[A-Za-z_]+)?|(?:Pacific|Eastern|Central|Mountain)(?:\s+time)?\b|\(?\b(?:PT|PST|PDT|ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|CET|CEST|BST|WET|WEST|EET|EEST|JST|KST|SGT|AEST|AEDT|IST|Z)\b\)?))?)";

    private const string Prep = @"(?:in|within|by|at|before|no\s+later\s+than|around|on\s+or\s+before|in\s+about|every|at\s+least\s+every|:|-|–|—)";

    // "Next update in 30 minutes", "next update by 15:00 UTC", "another update by 16:15 UTC", "an update in the next 60 minutes".
    [GeneratedRegex(@"\b(?:(?:next|another|further|an?|more|additional|the\s+next|our\s+next|a\s+further|a\s+new|one\s+more)\s+(?:status\s+)?(?:update|updates|information|details|communication|post|report|news)|(?:status\s+)?updates)\b(?:\s+(?:on\s+this|here|to\s+be\s+(?:provided|posted|shared)|will\s+be\s+(?:provided|posted|shared|sent)|from\s+us))?[^.!?\n]{0,25}?\s*" + Prep + @"\s*(?:the\s+latest\s+)?" + When, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NextUpdateNoun();

    // "We will update in 20 minutes", "We'll post another update by 15:00 UTC", "will provide additional information in the next 30 minutes".
    [GeneratedRegex(@"\b(?:will|we['’]ll|shall|going\s+to|plan\s+to|aim\s+to|intend\s+to|expect\s+to)\s+(?:\w+\s+){0,2}?(?:update|post|provide|share|send|give|publish|report|follow\s+up|check\s+in|be\s+back|come\s+back|circle\s+back|communicate|write|check\s+back|report\s+back)\b[^.!?\n]{0,80}?\s" + Prep + @"\s*" + When, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WillUpdateVerb();

    // "Updates will be posted hourly", "We will update hourly": an hour from now.
    [GeneratedRegex(@"\b(?:updates?|update\s+(?:this|you|the\s+page)|post|posted|provided|shared)\b[^.!?\n]{0,30}?\s(?<when>hourly)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Hourly();

    // "We expect to resolve the incident in the next hour", "we will close this incident by 18:00 UTC".
    [GeneratedRegex(@"\b(?:expect|plan|aim|intend|will|we['’]ll|should\s+be\s+able)\w*\s+(?:to\s+)?(?:resolve|close|mark)\b[^.!?\n]{0,40}?\s" + Prep + @"\s*" + When, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClosingPromise();

    [GeneratedRegex(@"^(?:about|approximately|around|roughly|~|no more than|not more than|at most|less than|under|up to)?\s*(?:\d+\s*(?:-|–|to|or)\s*)?(?<n>\d+|an?|one|two|three|four|five|six|ten|fifteen|twenty|thirty|forty[- ]five|sixty|ninety|half\s+an?|few)?\s*(?<unit>minutes?|mins?|hours?|hrs?|h|m|half[- ]hour)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Wait();

    [GeneratedRegex(@"^(?:(?<day>today|tonight|tomorrow|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\w*,?\s+)?(?:(?:on\s+)?(?<date>\d{4}-\d{2}-\d{2})(?:,|\s+at)?\s+)?(?:at\s+)?(?:(?<h>\d{1,2})(?::(?<m>\d{2}))?\s*(?:(?<ampm>[ap])\.?\s?m\b\.?)?|(?<word>noon|midnight))\s*(?<zone>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"\b(today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DayWord();

    private static DateTimeOffset? Resolve(string when, DateTimeOffset now, TimeZoneInfo pageZone)
    {
        var text = Whitespace().Replace(when.Trim(), " ");
        var lower = text.ToLowerInvariant();
        if (lower is "hourly")
        {
            return now.AddHours(1);
        }

        if (lower.StartsWith("the ", StringComparison.Ordinal) || lower.StartsWith("next ", StringComparison.Ordinal) || lower.StartsWith("coming ", StringComparison.Ordinal))
        {
            lower = LeadingNext().Replace(lower, string.Empty);
            if (lower is "hour")
            {
                return now.AddHours(1);
            }

            if (lower is "top of the hour")
            {
                var local = TimeZoneInfo.ConvertTime(now, pageZone);
                var top = new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, 0, 0, local.Offset).AddHours(1);
                return top.ToUniversalTime();
            }

            if (lower is "half-hour" or "half hour")
            {
                return now.AddMinutes(30);
            }
        }

        if (Wait().Match(lower) is { Success: true } wait)
        {
            var unit = wait.Groups["unit"].Value;
            var count = Count(wait.Groups["n"].Value);
            if (unit.StartsWith("half", StringComparison.Ordinal))
            {
                return now.AddMinutes(30);
            }

            // A bare "h"/"m" needs a number before it ("2h"): "in a m" is no promise.
            if (count is null || (unit.Length == 1 && !char.IsDigit(wait.Groups["n"].Value.FirstOrDefault())))
            {
                return null;
            }

            return unit.StartsWith('h') ? now.AddMinutes(count.Value * 60) : now.AddMinutes(count.Value);
        }

        return Clock(text, now, pageZone);
    }

    /// <summary>"in the next hour" has no count: it reads as one.</summary>
    private static double? Count(string word) => word.Trim().Length == 0 ? 1 : NumberWords.Parse(word);

    private static DateTimeOffset? Clock(string text, DateTimeOffset now, TimeZoneInfo pageZone)
    {
        var match = ClockTime().Match(text);
        if (!match.Success)
        {
            return null;
        }

        int hour, minute = 0;
        if (match.Groups["word"].Success)
        {
            hour = match.Groups["word"].Value.Equals("noon", StringComparison.OrdinalIgnoreCase) ? 12 : 0;
        }
        else
        {
            hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
            if (match.Groups["m"].Success)
            {
                minute = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
            }
            else if (!match.Groups["ampm"].Success)
            {
                return null; // "by 3" is not a time
            }

            if (match.Groups["ampm"].Success)
            {
                if (hour is < 1 or > 12)
                {
                    return null;
                }

                var pm = char.ToLowerInvariant(match.Groups["ampm"].Value[0]) == 'p';
                hour = (hour % 12) + (pm ? 12 : 0);
            }
        }

        if (hour > 23 || minute > 59)
        {
            return null;
        }

        var zone = ZoneOf(match.Groups["zone"].Value, pageZone);
        var localNow = zone.Offset is { } fixedOffset ? now.ToOffset(fixedOffset) : TimeZoneInfo.ConvertTime(now, zone.Info!);
        DateOnly day;
        var dated = false;
        if (match.Groups["date"].Success)
        {
            if (!DateOnly.TryParseExact(match.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                return null;
            }

            dated = true;
        }
        else
        {
            day = DateOnly.FromDateTime(localNow.DateTime);
            var named = match.Groups["day"].Value.ToLowerInvariant();
            if (named.StartsWith("tomorrow", StringComparison.Ordinal))
            {
                day = day.AddDays(1);
                dated = true;
            }
            else if (named.StartsWith("today", StringComparison.Ordinal) || named.StartsWith("tonight", StringComparison.Ordinal))
            {
                dated = true;
            }
            else if (named.Length > 0 && Weekday(named) is { } weekday)
            {
                day = day.AddDays(((int)weekday - (int)day.DayOfWeek + 7) % 7);
                dated = true;
            }
        }

        var at = At(day, hour, minute, zone);
        if (!dated && at < now.AddHours(-1))
        {
            at = At(day.AddDays(1), hour, minute, zone);
        }

        return at;
    }

    private static DateTimeOffset At(DateOnly day, int hour, int minute, (TimeZoneInfo? Info, TimeSpan? Offset) zone)
    {
        var local = day.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Unspecified);
        var offset = zone.Offset ?? zone.Info!.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static DayOfWeek? Weekday(string name) => name[..3] switch
    {
        "mon" => DayOfWeek.Monday,
        "tue" => DayOfWeek.Tuesday,
        "wed" => DayOfWeek.Wednesday,
        "thu" => DayOfWeek.Thursday,
        "fri" => DayOfWeek.Friday,
        "sat" => DayOfWeek.Saturday,
        "sun" => DayOfWeek.Sunday,
        _ => null,
    };

    /// <summary>Abbreviations that name one offset all year (PDT is −7 h whatever the date).</summary>
    private static readonly Dictionary<string, TimeSpan> FixedOffsets = new(StringComparer.Ordinal)
    {
        ["UTC"] = TimeSpan.Zero, ["GMT"] = TimeSpan.Zero, ["Z"] = TimeSpan.Zero, ["WET"] = TimeSpan.Zero,
        ["PDT"] = TimeSpan.FromHours(-7), ["PST"] = TimeSpan.FromHours(-8),
        ["EDT"] = TimeSpan.FromHours(-4), ["EST"] = TimeSpan.FromHours(-5),
        ["CDT"] = TimeSpan.FromHours(-5), ["CST"] = TimeSpan.FromHours(-6),
        ["MDT"] = TimeSpan.FromHours(-6), ["MST"] = TimeSpan.FromHours(-7),
        ["CET"] = TimeSpan.FromHours(1), ["WEST"] = TimeSpan.FromHours(1), ["BST"] = TimeSpan.FromHours(1),
        ["CEST"] = TimeSpan.FromHours(2), ["EET"] = TimeSpan.FromHours(2), ["EEST"] = TimeSpan.FromHours(3),
        ["IST"] = new TimeSpan(5, 30, 0), ["SGT"] = TimeSpan.FromHours(8), ["JST"] = TimeSpan.FromHours(9), ["KST"] = TimeSpan.FromHours(9),
        ["AEST"] = TimeSpan.FromHours(10), ["AEDT"] = TimeSpan.FromHours(11),
    };

    /// <summary>Names of a region's time, which follow its summer time; the standard offset serves without the zone database.</summary>
    private static readonly Dictionary<string, (string Iana, TimeSpan Standard)> Regions = new(StringComparer.Ordinal)
    {
        ["PT"] = ("America/Los_Angeles", TimeSpan.FromHours(-8)), ["PACIFIC"] = ("America/Los_Angeles", TimeSpan.FromHours(-8)), ["PACIFIC TIME"] = ("America/Los_Angeles", TimeSpan.FromHours(-8)),
        ["ET"] = ("America/New_York", TimeSpan.FromHours(-5)), ["EASTERN"] = ("America/New_York", TimeSpan.FromHours(-5)), ["EASTERN TIME"] = ("America/New_York", TimeSpan.FromHours(-5)),
        ["CT"] = ("America/Chicago", TimeSpan.FromHours(-6)), ["CENTRAL"] = ("America/Chicago", TimeSpan.FromHours(-6)), ["CENTRAL TIME"] = ("America/Chicago", TimeSpan.FromHours(-6)),
        ["MT"] = ("America/Denver", TimeSpan.FromHours(-7)), ["MOUNTAIN"] = ("America/Denver", TimeSpan.FromHours(-7)), ["MOUNTAIN TIME"] = ("America/Denver", TimeSpan.FromHours(-7)),
    };

    /// <summary>
    /// The zone a clock time is written in: the page's when none is named; a named region's rules (PT is Pacific time,
    /// with its summer time), an IANA name, or a fixed offset (PDT, UTC+2). Words that only look like a zone
    /// ("and/or") leave the time in the page's zone.
    /// </summary>
    private static (TimeZoneInfo? Info, TimeSpan? Offset) ZoneOf(string written, TimeZoneInfo pageZone)
    {
        var name = written.Trim().Trim('(', ')').Trim();
        if (name.Length == 0)
        {
            return (pageZone, null);
        }

        var upper = name.ToUpperInvariant();
        if (UtcOffset().Match(upper) is { Success: true } offset)
        {
            var span = new TimeSpan(int.Parse(offset.Groups["h"].Value, CultureInfo.InvariantCulture), offset.Groups["m"].Success ? int.Parse(offset.Groups["m"].Value, CultureInfo.InvariantCulture) : 0, 0);
            return (null, offset.Groups["sign"].Value == "-" ? -span : span);
        }

        if (FixedOffsets.TryGetValue(upper, out var fixedOffset))
        {
            return (null, fixedOffset);
        }

        if (Regions.TryGetValue(upper, out var region))
        {
            return TryZone(region.Iana, out var regional) ? (regional, null) : (null, region.Standard);
        }

        return TryZone(name, out var info) ? (info, null) : (pageZone, null);
    }

    [GeneratedRegex(@"^(?:UTC|GMT)\s?(?<sign>[+-])\s?(?<h>\d{1,2})(?::?(?<m>\d{2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex UtcOffset();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(the )?(next |coming )?")]
    private static partial Regex LeadingNext();

    private static bool TryZone(string id, out TimeZoneInfo zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            zone = TimeZoneInfo.Utc;
            return false;
        }
    }
}
