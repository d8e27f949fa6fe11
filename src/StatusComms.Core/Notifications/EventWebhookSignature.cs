using System.Security.Cryptography;
using System.Text;

namespace StatusComms.Notifications;

/// <summary>
/// SendGrid's signed Event Webhook: an ECDSA P-256 / SHA-256 signature (base64, DER) over the timestamp header
/// followed by the raw body, checked with the verification key from SendGrid's mail settings (base64 DER public
/// key). Timestamps older than the allowed age are refused, so a captured request cannot be replayed later.
/// </summary>
public sealed class EventWebhookSignature : IDisposable
{
    private readonly ECDsa _key;
    private readonly TimeSpan _maxAge;

    public EventWebhookSignature(string publicKeyBase64, TimeSpan maxAge)
    {
        _key = ECDsa.Create();
        try
        {
            _key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKeyBase64), out _);
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException)
        {
            _key.Dispose();
            throw new ArgumentException("StatusComms:Email:EventWebhookPublicKey must be the base64 verification key SendGrid shows for the signed Event Webhook.", nameof(publicKeyBase64), exception);
        }

        _maxAge = maxAge;
    }

    /// <returns>Null when the request is genuine and fresh, else why it is refused.</returns>
    public string? Check(string? signatureBase64, string? timestamp, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(signatureBase64) || string.IsNullOrEmpty(timestamp))
        {
            return "The request is not signed (X-Twilio-Email-Event-Webhook-Signature and -Timestamp are required).";
        }

        // Seconds since 1970 that DateTimeOffset can hold: a larger number is no time at all, not an exception.
        if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return "The signature timestamp is not a Unix time.";
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age > _maxAge || age < -TimeSpan.FromMinutes(5))
        {
            return "The signature timestamp is too old (or in the future): a replayed or delayed request is refused.";
        }

        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(signatureBase64);
        }
        catch (FormatException)
        {
            return "The signature is not base64.";
        }

        var prefix = Encoding.ASCII.GetBytes(timestamp);
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        try
        {
            return _key.VerifyData(signed, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence) ? null : "The signature does not match the body.";
        }
        catch (CryptographicException)
        {
            return "The signature is malformed.";
        }
    }

    public void Dispose() => _key.Dispose();
}
