using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StatusComms.Functions.Hosting;

namespace StatusComms.Functions.Console;

/// <summary>A person signed in to the console: the name their updates carry, and their session's id.</summary>
public sealed record ConsoleUser(string Name, string SessionId, DateTimeOffset ExpiresAt);

/// <summary>
/// The console's session cookie and anti-forgery tokens. The cookie holds the session id, its expiry and the
/// person's name, signed with a key derived from the API key (rotating the key signs everyone out); nothing is
/// stored. Each form carries a token derived from the session id, so a forged cross-site post has no valid token.
/// </summary>
public sealed class ConsoleSessions(IOptions<StatusCommsOptions> options, TimeProvider time)
{
    /// <summary>The cookie's name over HTTPS: the __Host- prefix pins it to this host, path / and Secure.</summary>
    public const string SecureCookie = "__Host-statuscomms-console";

    /// <summary>The cookie's name over plain HTTP (the local runner), where Secure cookies are not kept.</summary>
    public const string PlainCookie = "statuscomms-console";

    /// <summary>The short-lived cookie that binds the sign-in form's token before there is a session.</summary>
    public const string SignInCookie = "statuscomms-console-sign-in";

    /// <summary>The cookie saying which running drill this session works in: its id, with a tag for this session.</summary>
    public const string DrillCookie = "statuscomms-console-drill";

    public const int MaxNameLength = 80;

    private readonly byte[] _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.ApiKey), "statuscomms console session key"u8);
    private readonly TimeSpan _lifetime = TimeSpan.FromHours(options.Value.Console.SessionHours);

    public TimeSpan Lifetime => _lifetime;

    /// <summary>A new session for <paramref name="name"/>, as the cookie's value.</summary>
    public (string Cookie, ConsoleUser User) Issue(string name)
    {
        var user = new ConsoleUser(name, RandomNumberGenerator.GetHexString(32, lowercase: true), time.GetUtcNow() + _lifetime);
        var payload = Encoding.UTF8.GetBytes($"{user.SessionId}\n{user.ExpiresAt.ToUnixTimeSeconds()}\n{name}");
        return ($"{Base64Url(payload)}.{Base64Url(Sign(payload))}", user);
    }

    /// <summary>The signed-in person, or null when the cookie is missing, forged, damaged or expired.</summary>
    public ConsoleUser? Read(string? cookie)
    {
        if (string.IsNullOrEmpty(cookie) || cookie.Length > 1024)
        {
            return null;
        }

        var dot = cookie.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !TryBase64Url(cookie[..dot], out var payload) || !TryBase64Url(cookie[(dot + 1)..], out var signature)
            || !CryptographicOperations.FixedTimeEquals(signature, Sign(payload)))
        {
            return null;
        }

        var parts = Encoding.UTF8.GetString(payload).Split('\n', 3);
        if (parts.Length != 3 || !long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var expires))
        {
            return null;
        }

        var user = new ConsoleUser(parts[2], parts[0], DateTimeOffset.FromUnixTimeSeconds(expires));
        return user.ExpiresAt > time.GetUtcNow() ? user : null;
    }

    /// <summary>The token a form of this session (or sign-in binding) must post back.</summary>
    public string AntiForgery(string binding) => Base64Url(Sign(Encoding.UTF8.GetBytes("csrf\n" + binding)));

    public bool IsValidAntiForgery(string binding, string? token)
        => token is { Length: > 0 and < 200 } && TryBase64Url(token, out var presented)
            && CryptographicOperations.FixedTimeEquals(presented, Sign(Encoding.UTF8.GetBytes("csrf\n" + binding)));

    /// <summary>A tag proving that a note in a redirect's query was written by this app for this session, not by a crafted link.</summary>
    public string NoticeTag(string sessionId, string notice) => Base64Url(Sign(Encoding.UTF8.GetBytes($"notice\n{sessionId}\n{notice}")))[..22];

    public bool IsValidNotice(string sessionId, string notice, string? tag)
        => tag is { Length: 22 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(tag), Encoding.ASCII.GetBytes(NoticeTag(sessionId, notice)));

    /// <summary>The drill cookie's value: the drill's id, signed for this session (a cookie set for one session is nothing to another).</summary>
    public string DrillCookieValue(string sessionId, string drillId) => $"{drillId}.{Base64Url(Sign(Encoding.UTF8.GetBytes($"drill\n{sessionId}\n{drillId}")))[..22]}";

    /// <summary>The drill this session joined, if the cookie is this session's.</summary>
    public string? ReadDrillCookie(string sessionId, string? cookie)
    {
        var dot = cookie?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (cookie is not { Length: < 100 } || dot <= 0)
        {
            return null;
        }

        var drillId = cookie[..dot];
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(cookie), Encoding.ASCII.GetBytes(DrillCookieValue(sessionId, drillId))) ? drillId : null;
    }

    /// <summary>A name the console accepts: 1 to 80 characters, no control characters.</summary>
    public static string? CleanName(string? name)
    {
        var trimmed = name?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxNameLength || trimmed.Any(char.IsControl) ? null : trimmed;
    }

    private byte[] Sign(byte[] payload) => HMACSHA256.HashData(_key, payload);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryBase64Url(string text, out byte[] bytes)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        bytes = new byte[padded.Length];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
