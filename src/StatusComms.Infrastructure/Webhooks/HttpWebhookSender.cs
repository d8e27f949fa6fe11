using System.Net;
using System.Net.Sockets;
using StatusComms.Notifications;

namespace StatusComms.Infrastructure.Webhooks;

/// <summary>
/// POSTs webhook payloads. The connection is made by our own callback, which resolves the host and connects only
/// to an address <see cref="WebhookTargets"/> allows: a name that resolves to a private address at delivery time
/// (DNS rebinding) is refused as surely as one that did at registration. Redirects are not followed.
/// </summary>
public sealed class HttpWebhookSender : IWebhookSender, IDisposable
{
    private readonly HttpClient _client;

    public HttpWebhookSender(bool allowPrivateTargets, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
                var allowed = addresses.Where(a => allowPrivateTargets || WebhookTargets.IsPublic(a)).ToArray();
                if (allowed.Length == 0)
                {
                    throw new WebhookTargetRefusedException($"{context.DnsEndPoint.Host} resolves to no public address.");
                }

                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _client = new HttpClient(handler) { Timeout = timeout };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("StatusComms-Webhook/1.0");
    }

    public async Task<WebhookResult> PostAsync(Uri endpoint, byte[] body, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return status switch
            {
                >= 200 and < 300 => new WebhookResult(WebhookOutcome.Delivered, status, null),
                410 => new WebhookResult(WebhookOutcome.Gone, status, "The endpoint answered 410 Gone: it no longer wants these posts."),
                408 or 429 or >= 500 => new WebhookResult(WebhookOutcome.Retry, status, $"The endpoint answered {status}."),
                _ => new WebhookResult(WebhookOutcome.Refused, status, $"The endpoint answered {status} ({(status is >= 300 and < 400 ? "redirects are not followed" : "refused")})."),
            };
        }
        catch (HttpRequestException exception) when (exception.InnerException is WebhookTargetRefusedException refused)
        {
            return new WebhookResult(WebhookOutcome.Refused, null, refused.Message);
        }
        catch (HttpRequestException exception)
        {
            return new WebhookResult(WebhookOutcome.Retry, null, $"Could not reach the endpoint: {exception.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookResult(WebhookOutcome.Retry, null, "The endpoint did not answer in time.");
        }
    }

    public void Dispose() => _client.Dispose();
}

public sealed class WebhookTargetRefusedException(string message) : Exception(message);
