using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using StatusComms.Notifications;

namespace StatusComms.Infrastructure.Email;

/// <summary>
/// A batch as SendGrid's v3 mail/send body, written as UTF-8 JSON straight into pooled 64 KiB blocks: a batch of
/// 1,000 personalizations (about 1 MB) never becomes one string or one large array, so sending many batches at
/// once adds no large-object-heap garbage. Its length is known, so the request carries Content-Length as the
/// official client's does. Dispose returns the blocks to the pool.
/// </summary>
internal sealed class SendGridMailBody : HttpContent
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly BlockWriter _blocks = new();

    public SendGridMailBody(MailBatch mail)
    {
        using (var json = new Utf8JsonWriter(_blocks, Options))
        {
            Write(json, mail);
        }

        // SendGrid's own client sends application/json without a charset; JSON is UTF-8 by definition.
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => await SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        foreach (var block in _blocks.Written)
        {
            await stream.WriteAsync(block, cancellationToken);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _blocks.Length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _blocks.Dispose();
        }

        base.Dispose(disposing);
    }

    private static void Write(Utf8JsonWriter json, MailBatch mail)
    {
        json.WriteStartObject();
        json.WriteStartObject("from");
        json.WriteString("email", mail.From.Email);
        if (mail.From.Name is { Length: > 0 } name)
        {
            json.WriteString("name", name);
        }

        json.WriteEndObject();
        json.WriteString("subject", mail.Subject);
        json.WriteStartArray("personalizations");
        foreach (var recipient in mail.Recipients)
        {
            json.WriteStartObject();
            json.WriteStartArray("to");
            json.WriteStartObject();
            json.WriteString("email", recipient.Email);
            json.WriteEndObject();
            json.WriteEndArray();
            Map(json, "substitutions", recipient.Substitutions);
            Map(json, "headers", recipient.Headers);

            // The batch's arguments go on every personalization: SendGrid's own description types the top-level
            // custom_args as a string, and events carry a personalization's arguments all the same.
            Map(json, "custom_args", recipient.CustomArgs.Concat(mail.CustomArgs));
            json.WriteEndObject();
        }

        json.WriteEndArray();

        // SendGrid requires text/plain first when both are sent.
        json.WriteStartArray("content");
        foreach (var (type, value) in new[] { ("text/plain", mail.Text), ("text/html", mail.Html) })
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            json.WriteString("value", value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("categories");
        json.WriteStringValue(mail.Category);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Map(Utf8JsonWriter json, string name, IEnumerable<KeyValuePair<string, string>> values)
    {
        var started = false;
        foreach (var (key, value) in values)
        {
            if (!started)
            {
                json.WriteStartObject(name);
                started = true;
            }

            json.WriteString(key, value);
        }

        if (started)
        {
            json.WriteEndObject();
        }
    }

    /// <summary>Bytes written into 64 KiB blocks rented from the shared pool (below the 85,000-byte large-object threshold).</summary>
    private sealed class BlockWriter : IBufferWriter<byte>, IDisposable
    {
        private const int BlockSize = 64 * 1024;
        private readonly List<(byte[] Block, int Used)> _blocks = [];
        private byte[]? _current;
        private int _used;

        public long Length { get; private set; }

        public IEnumerable<ReadOnlyMemory<byte>> Written
            => _blocks.Select(b => new ReadOnlyMemory<byte>(b.Block, 0, b.Used)).Append(_current is null ? ReadOnlyMemory<byte>.Empty : new ReadOnlyMemory<byte>(_current, 0, _used));

        public void Advance(int count)
        {
            _used += count;
            Length += count;
        }

        public Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint).AsMemory(_used);

        public Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint).AsSpan(_used);

        public void Dispose()
        {
            foreach (var (block, _) in _blocks)
            {
                ArrayPool<byte>.Shared.Return(block);
            }

            if (_current is not null)
            {
                ArrayPool<byte>.Shared.Return(_current);
            }

            _blocks.Clear();
            _current = null;
        }

        private byte[] Reserve(int sizeHint)
        {
            var needed = Math.Max(sizeHint, 1);
            if (_current is not null && _current.Length - _used >= needed)
            {
                return _current;
            }

            if (_current is not null)
            {
                _blocks.Add((_current, _used));
            }

            // A single value larger than a block (a very long body) gets a block of its own size.
            _current = ArrayPool<byte>.Shared.Rent(Math.Max(BlockSize, needed));
            _used = 0;
            return _current;
        }
    }
}
