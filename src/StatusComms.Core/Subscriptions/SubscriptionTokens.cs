using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace StatusComms.Subscriptions;

/// <summary>What a signed link lets its holder do.</summary>
public enum TokenPurpose : byte
{
    Confirm = 1,
    Manage = 2,
    Unsubscribe = 3,
}

/// <summary>
/// The signed tokens in subscription links, and subscriber ids. A token is
/// <c>base64url(version, purpose, expiry, subscriber id)</c> "." <c>base64url(HMAC-SHA256 over it, first 16 bytes)</c>,
/// keyed with the configured subscription key, so it cannot be forged or changed to another purpose or subscriber,
/// and it carries only the subscriber id, which is itself a keyed hash: nothing in a link can be guessed or leads
/// back to an address. Confirmation links expire (<see cref="ConfirmLifetime"/>); manage and unsubscribe links
/// must keep working from any old mail, so they do not.
/// </summary>
public sealed class SubscriptionTokens
{
    public static readonly TimeSpan ConfirmLifetime = TimeSpan.FromDays(7);

    private const byte FormatVersion = 1;
    private const int MacLength = 16;
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    private readonly byte[] _tokenKey;
    private readonly byte[] _idKey;

    /// <param name="key">At least 32 bytes of secret (StatusComms:Subscriptions:SigningKey, base64).</param>
    public SubscriptionTokens(ReadOnlySpan<byte> key)
    {
        if (key.Length < 32)
        {
            throw new ArgumentException("The subscription signing key needs at least 32 bytes.", nameof(key));
        }

        // Separate keys for separate uses, derived from the one configured secret.
        _tokenKey = HMACSHA256.HashData(key, "statuscomms token v1"u8);
        _idKey = HMACSHA256.HashData(key, "statuscomms subscriber id v1"u8);
    }

    /// <summary>The id of the subscriber with this (normalised) address: 26 characters of [a-z2-7].</summary>
    public string SubscriberId(string normalizedEmail)
        => ToBase32(HMACSHA256.HashData(_idKey, Encoding.UTF8.GetBytes(normalizedEmail)).AsSpan(0, 16));

    /// <summary>A random id for a webhook subscriber, in the same alphabet ("w" and 25 more).</summary>
    public static string NewWebhookSubscriberId()
        => "w" + ToBase32(RandomNumberGenerator.GetBytes(16))[..25];

    public string Create(TokenPurpose purpose, string subscriberId, DateTimeOffset now)
    {
        var expires = purpose == TokenPurpose.Confirm ? (now + ConfirmLifetime).ToUnixTimeSeconds() : 0L;
        var id = Encoding.ASCII.GetBytes(subscriberId);
        var payload = new byte[10 + id.Length];
        payload[0] = FormatVersion;
        payload[1] = (byte)purpose;
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(2), expires);
        id.CopyTo(payload, 10);
        return Base64Url(payload) + "." + Base64Url(Mac(payload));
    }

    /// <summary>Reads a token for <paramref name="purpose"/>: the subscriber id, or why the token is refused.</summary>
    public TokenCheck Read(string? token, TokenPurpose purpose, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return TokenCheck.Refused("The link is incomplete.");
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !TryFromBase64Url(token[..dot], out var payload) || !TryFromBase64Url(token[(dot + 1)..], out var mac) || payload.Length < 11)
        {
            return TokenCheck.Refused("The link is incomplete or was changed.");
        }

        if (!CryptographicOperations.FixedTimeEquals(mac, Mac(payload)))
        {
            return TokenCheck.Refused("The link is incomplete or was changed.");
        }

        if (payload[0] != FormatVersion || payload[1] != (byte)purpose)
        {
            return TokenCheck.Refused("This link is for something else.");
        }

        var expires = BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(2));
        if (expires != 0 && now.ToUnixTimeSeconds() > expires)
        {
            return TokenCheck.Refused("This confirmation link has expired. Subscribe again to get a new one.");
        }

        return TokenCheck.For(Encoding.ASCII.GetString(payload, 10, payload.Length - 10));
    }

    private byte[] Mac(byte[] payload) => HMACSHA256.HashData(_tokenKey, payload)[..MacLength];

    private static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return false;
        }

        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        try
        {
            bytes = Convert.FromBase64String(padded);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string ToBase32(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder((bytes.Length * 8 / 5) + 1);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Base32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            text.Append(Base32[(buffer << (5 - bits)) & 31]);
        }

        return text.ToString();
    }
}

/// <summary>A token's verdict: the subscriber it names, or the reason it is refused (said to the person).</summary>
public sealed record TokenCheck(string? SubscriberId, string? Refusal)
{
    public bool IsValid => SubscriberId is not null;

    public static TokenCheck For(string subscriberId) => new(subscriberId, null);

    public static TokenCheck Refused(string reason) => new(null, reason);
}
