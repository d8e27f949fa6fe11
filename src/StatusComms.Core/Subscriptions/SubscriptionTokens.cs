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
/// back to an address. Confirmation links expire (<see cref="ConfirmLifetime"/>), manage links after
/// <see cref="ManageLifetime"/> (every mail carries a fresh one); unsubscribe links must keep working from any old
/// mail, so they never do. Keys rotate through a ring: the newest signs, every one verifies.
/// </summary>
public sealed class SubscriptionTokens
{
    public static readonly TimeSpan ConfirmLifetime = TimeSpan.FromDays(7);

    /// <summary>A manage link lets its holder change what they get; every mail carries a fresh one, so old ones lapse.</summary>
    public static readonly TimeSpan ManageLifetime = TimeSpan.FromDays(90);

    private const byte FormatVersion = 1;
    private const int MacLength = 16;
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    // Newest first: the first signs and names new subscribers; every one verifies and finds existing ones.
    private readonly byte[][] _tokenKeys;
    private readonly byte[][] _idKeys;

    /// <param name="key">At least 32 bytes of secret (StatusComms:Subscriptions:SigningKey, base64).</param>
    public SubscriptionTokens(ReadOnlySpan<byte> key)
        : this([key.ToArray()])
    {
    }

    /// <param name="keys">
    /// The key ring, newest first (SigningKey, then PreviousSigningKeys): the newest signs, every one verifies, so
    /// links sent before a rotation keep working for as long as their key stays in the ring.
    /// </param>
    public SubscriptionTokens(IReadOnlyList<byte[]> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0 || keys.Any(k => k.Length < 32))
        {
            throw new ArgumentException("Each subscription signing key needs at least 32 bytes.", nameof(keys));
        }

        // Separate keys for separate uses, derived from each configured secret.
        _tokenKeys = keys.Select(k => HMACSHA256.HashData(k, "statuscomms token v1"u8)).ToArray();
        _idKeys = keys.Select(k => HMACSHA256.HashData(k, "statuscomms subscriber id v1"u8)).ToArray();
    }

    /// <summary>The id a new subscriber with this (normalised) address gets: 26 characters of [a-z2-7].</summary>
    public string SubscriberId(string normalizedEmail) => Id(_idKeys[0], normalizedEmail);

    /// <summary>
    /// Every id this address may already have, newest key first: one per key in the ring, so a subscriber who came
    /// before a rotation is found again (and never becomes a second subscriber, mailed twice).
    /// </summary>
    public IReadOnlyList<string> SubscriberIds(string normalizedEmail) => _idKeys.Select(k => Id(k, normalizedEmail)).Distinct(StringComparer.Ordinal).ToArray();

    private static string Id(byte[] key, string normalizedEmail)
        => ToBase32(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(normalizedEmail)).AsSpan(0, 16));

    /// <summary>A random id for a webhook subscriber, in the same alphabet ("w" and 25 more).</summary>
    public static string NewWebhookSubscriberId()
        => "w" + ToBase32(RandomNumberGenerator.GetBytes(16))[..25];

    public string Create(TokenPurpose purpose, string subscriberId, DateTimeOffset now)
    {
        var expires = purpose switch
        {
            TokenPurpose.Confirm => (now + ConfirmLifetime).ToUnixTimeSeconds(),
            TokenPurpose.Manage => (now + ManageLifetime).ToUnixTimeSeconds(),
            _ => 0L, // Unsubscribe links work from any old mail, for good.
        };
        var id = Encoding.ASCII.GetBytes(subscriberId);
        var payload = new byte[10 + id.Length];
        payload[0] = FormatVersion;
        payload[1] = (byte)purpose;
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(2), expires);
        id.CopyTo(payload, 10);
        return Base64Url(payload) + "." + Base64Url(Mac(_tokenKeys[0], payload));
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

        if (!_tokenKeys.Any(key => CryptographicOperations.FixedTimeEquals(mac, Mac(key, payload))))
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
            return TokenCheck.Refused(purpose == TokenPurpose.Manage
                ? "This link has expired. Use the one in the latest mail from us, or subscribe again to get a new one."
                : "This confirmation link has expired. Subscribe again to get a new one.");
        }

        return TokenCheck.For(Encoding.ASCII.GetString(payload, 10, payload.Length - 10));
    }

    private static byte[] Mac(byte[] key, byte[] payload) => HMACSHA256.HashData(key, payload)[..MacLength];

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
