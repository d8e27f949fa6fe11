using System.Net;
using System.Net.Sockets;
using SendGrid;
using SendGrid.Helpers.Mail;
using StatusComms.Notifications;

namespace StatusComms.Infrastructure.Email;

/// <summary>
/// Sends a batch with one SendGrid v3 mail/send request through the official client: one personalization per
/// recipient (at most 1,000), each with its own substitutions, headers and custom arguments. SendGrid's answer is
/// classified for the dispatcher: 202 accepted; 429 rate-limited until X-RateLimit-Reset; 5xx or a connection that
/// never opened, transient; any other 4xx, permanent; a timeout after the request went out, ambiguous.
/// </summary>
public sealed class SendGridMailSender(ISendGridClient client, TimeProvider time) : IMailSender
{
    public async Task<MailSendResult> SendAsync(MailBatch mail, CancellationToken cancellationToken)
    {
        var message = ToMessage(mail);
        Response response;
        try
        {
            response = await client.SendEmailAsync(message, cancellationToken);
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

    /// <summary>The SendGrid request for a batch (also what the contract tests send to SendGrid's mock).</summary>
    public static SendGridMessage ToMessage(MailBatch mail)
    {
        var message = new SendGridMessage
        {
            From = new EmailAddress(mail.From.Email, mail.From.Name),
            Subject = mail.Subject,
            PlainTextContent = mail.Text,
            HtmlContent = mail.Html,
            Personalizations = mail.Recipients.Select(r => new Personalization
            {
                Tos = [new EmailAddress(r.Email)],
                Substitutions = r.Substitutions.Count == 0 ? null : new Dictionary<string, string>(r.Substitutions),
                Headers = r.Headers.Count == 0 ? null : new Dictionary<string, string>(r.Headers),
                // The batch's arguments go on every personalization: SendGrid's own description types the top-level
                // custom_args as a string, and events carry a personalization's arguments all the same.
                CustomArgs = r.CustomArgs.Concat(mail.CustomArgs).ToDictionary(a => a.Key, a => a.Value) is { Count: > 0 } args ? args : null,
            }).ToList(),
            Categories = [mail.Category],
        };
        return message;
    }

    private static bool NeverConnected(HttpRequestException exception)
        => exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
            || exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NetworkUnreachable or SocketError.HostUnreachable };

    private static string? Header(Response response, string name)
        => response.Headers is { } headers && headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string Shorten(string text) => text.Length <= 500 ? text : text[..500] + "…";
}
