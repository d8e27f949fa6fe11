using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace StatusComms.Infrastructure.Tests;

/// <summary>
/// Every request an Azure SDK client sends (each a billed storage transaction), as "METHOD path?query", for tests
/// that count what an operation costs.
/// </summary>
public sealed class RequestLog : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<string> _requests = new();

    public int Count => _requests.Count;

    public IEnumerable<string> Methods => _requests.Select(r => r[..r.IndexOf(' ', StringComparison.Ordinal)]);

    /// <summary>The requests after the first <paramref name="from"/>, joined for a failure message.</summary>
    public string Since(int from) => string.Join("; ", _requests.Skip(from));

    public override void OnSendingRequest(HttpMessage message)
        => _requests.Enqueue($"{message.Request.Method} {Uri.UnescapeDataString(message.Request.Uri.Path + message.Request.Uri.Query)}");
}
