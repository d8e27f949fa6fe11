using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using SendGrid;
using StatusComms.Notifications;

namespace StatusComms.Infrastructure.Email;

/// <summary>
/// Sends a batch with one SendGrid v3 mail/send request through the official client: one personalization per
/// recipient (at most 1,000), each with its own substitutions, headers and custom arguments, the body streamed from
/// pooled blocks (<see cref="SendGridMailBody"/>). SendGrid's answer is
/// classified for the dispatcher: 202 accepted; 429 rate-limited until X-RateLimit-Reset; 5xx or a connection that
/// never opened, transient; any other 4xx, permanent; a timeout after the request went out, ambiguous.
/// </summary>
public sealed class SendGridMailSender(HttpClient http, SendGridClientOptions options, TimeProvider time) : IMailSender
{
    private readonly SendGridClient _client = new(http, options);
    private readonly Uri _send = new($"{options.Host.TrimEnd('/')}/{options.Version}/mail/send");

    public async Task<MailSendResult> SendAsync(MailBatch mail, CancellationToken cancellationToken)
    {
        using var request = Request(mail);
        Response response;
        try
        {
            response = await _client.MakeRequest(request, cancellationToken);
        }
        catch (HttpRequestException exception) when (NeverConnected(exception))
        {
            return new MailSendResult(MailSendOutcome.Transient, null, $"Could not connect to SendGrid: {exception.Message}");
        }
        catch (HttpRequestException exception)
        {
            return new MailSendResult(MailSendOutcome.Ambiguous, null, $"The connection to SendGrid failed after the request was sent: {exception.Message}");
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            return new MailSendResult(MailSendOutcome.Ambiguous, null, $"SendGrid did not answer in time; the request went out, so it may have been taken: {exception.Message}");
        }

        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return MailSendResult.Accepted(Header(response, "X-Message-Id"), status);
        }

        var body = response.Body is null ? string.Empty : await response.Body.ReadAsStringAsync(cancellationToken);
        // A validating mock (the contract tests' Prism) names the violated rule in sl-violations.
        var violations = Header(response, "sl-violations");
        var reason = $"SendGrid answered {status} {response.StatusCode}: {Shorten(body)}" + (violations is null ? string.Empty : $" {Shorten(violations)}");
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var reset = long.TryParse(Header(response, "X-RateLimit-Reset"), out var epoch) ? DateTimeOffset.FromUnixTimeSeconds(epoch) : time.GetUtcNow().AddSeconds(60);
            return new MailSendResult(MailSendOutcome.RateLimited, status, reason, reset);
        }

        return new MailSendResult(status >= 500 ? MailSendOutcome.Transient : MailSendOutcome.Permanent, status, reason);
    }

    /// <summary>The mail/send request for a batch, with the headers the official client sets on its own requests.</summary>
    private HttpRequestMessage Request(MailBatch mail)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _send) { Content = new SendGridMailBody(mail) };
        foreach (var (name, value) in options.RequestHeaders ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.Authorization = options.Auth;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.TryParseAdd($"sendgrid/{typeof(SendGridClient).Assembly.GetName().Version} csharp");
        return request;
    }

    private static bool NeverConnected(HttpRequestException exception)
        => exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
            || exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NetworkUnreachable or SocketError.HostUnreachable };

    private static string? Header(Response response, string name)
        => response.Headers is { } headers && headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string Shorten(string text) => text.Length <= 500 ? text : text[..500] + "…";
}
