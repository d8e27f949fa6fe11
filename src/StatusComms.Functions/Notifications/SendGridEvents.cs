using System.Text.Json;
using StatusComms.Notifications;

namespace StatusComms.Functions.Notifications;

/// <summary>
/// POST public/sendgrid/events: SendGrid's signed Event Webhook. Refused (403) unless the ECDSA signature over the
/// timestamp and the raw body checks out with the configured key and the timestamp is fresh.
/// </summary>
public sealed class SendGridEvents(ProviderEventService events, TimeProvider time, EventWebhookSignature? signature = null)
{
    /// <summary>SendGrid posts batches of events; a few MB at most.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    [Function(nameof(SendGridEvents))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.SendGridEvents)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (signature is null)
        {
            return Problems.Create(StatusCodes.Status404NotFound, "Not configured", "The SendGrid Event Webhook is not set up here (StatusComms:Email:EventWebhookPublicKey).", request.HttpContext);
        }

        using var buffer = await RequestBody.ReadLimitedAsync(request, MaxBytes, cancellationToken);

        var refusal = signature.Check(
            request.Headers["X-Twilio-Email-Event-Webhook-Signature"].FirstOrDefault(),
            request.Headers["X-Twilio-Email-Event-Webhook-Timestamp"].FirstOrDefault(),
            buffer.GetBuffer().AsSpan(0, (int)buffer.Length),
            time.GetUtcNow());
        if (refusal is not null)
        {
            return Problems.Create(StatusCodes.Status403Forbidden, "Signature refused", refusal, request.HttpContext);
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
            var report = await events.HandleAsync(document.RootElement, cancellationToken);
            return ApiResults.Ok(new { processed = report.Processed, duplicates = report.Duplicates, stopped = report.Stopped, settled = report.Settled });
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "Invalid events", exception.Message, request.HttpContext);
        }
    }
}
