using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StatusComms.Infrastructure.Tests.Notifications;

/// <summary>What the network does to one mail/send call, in the order the calls come.</summary>
public enum StationFault
{
    /// <summary>The request reaches SendGrid (Prism) and its answer comes back.</summary>
    None,

    /// <summary>SendGrid takes the request, then the connection drops before its answer arrives.</summary>
    LoseAnswer,

    /// <summary>SendGrid answers 429 without taking it, with its rate-limit reset a minute ahead.</summary>
    RateLimit,
}

/// <summary>
/// The SendGrid endpoint as the pipeline meets it, between the official client and Prism serving SendGrid's own
/// description of mail/send: every request is validated by Prism, and every one Prism accepts counts as taken, with
/// its recipients (what SendGrid would mail). The station then plays SendGrid's Event Webhook: after
/// <see cref="EventDelay"/> on the test's clock, one "processed" event per recipient, shaped as SendGrid posts them
/// (custom arguments as top-level fields), for the test to hand to the events service.
/// A process crash can fall just before the request goes out or just after SendGrid took it (the crash plan's
/// "SendGrid HTTP" steps); network faults are scripted per call (<see cref="Faults"/>).
/// </summary>
public sealed class SendGridStation(CrashPlan plan, TimeProvider time) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly List<(DateTimeOffset Due, JsonObject Event)> _events = [];
    private readonly List<string> _taken = [];
    private int _calls;

    /// <summary>Every recipient of every request SendGrid took, once per request.</summary>
    public IReadOnlyList<string> Taken => _taken;

    public int Calls => _calls;

    public Queue<StationFault> Faults { get; } = new();

    /// <summary>SendGrid posts its events about every 30 seconds.</summary>
    public TimeSpan EventDelay { get; set; } = TimeSpan.FromSeconds(30);

    public DateTimeOffset? NextEventDue => _events.Count == 0 ? null : _events.Min(e => e.Due);

    /// <summary>The events due by now, as the JSON array SendGrid posts; null when none are due.</summary>
    public JsonDocument? TakeDueEvents()
    {
        var now = time.GetUtcNow();
        var due = _events.Where(e => e.Due <= now).ToArray();
        if (due.Length == 0)
        {
            return null;
        }

        _events.RemoveAll(e => e.Due <= now);
        return JsonDocument.Parse(new JsonArray(due.Select(e => (JsonNode)e.Event).ToArray()).ToJsonString());
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _calls++;
        var fault = Faults.Count > 0 ? Faults.Dequeue() : StationFault.None;
        if (fault == StationFault.RateLimit)
        {
            var limited = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("""{"errors":[{"message":"too many requests"}]}""", Encoding.UTF8, "application/json") };
            limited.Headers.Add("X-RateLimit-Reset", time.GetUtcNow().AddMinutes(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            return limited;
        }

        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        return await plan.AroundAsync("SendGrid HTTP", async () =>
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                Take(body, response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.First() : $"msg{_calls}");
            }

            if (fault == StationFault.LoseAnswer)
            {
                response.Dispose();
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely (the station dropped the connection).");
            }

            return response;
        });
    }

    private void Take(string body, string messageId)
    {
        var due = time.GetUtcNow() + EventDelay;
        var personalizations = JsonNode.Parse(body)!["personalizations"]!.AsArray();
        var index = 0;
        foreach (var personalization in personalizations)
        {
            var email = personalization!["to"]![0]!["email"]!.GetValue<string>();
            _taken.Add(email);
            var item = new JsonObject
            {
                ["email"] = email,
                ["timestamp"] = time.GetUtcNow().ToUnixTimeSeconds(),
                ["event"] = "processed",
                ["sg_event_id"] = $"{messageId}-{index}-{Guid.NewGuid():N}",
                ["sg_message_id"] = $"{messageId}.filter{index++}",
                ["category"] = new JsonArray("incident"),
            };
            foreach (var (name, value) in personalization["custom_args"]?.AsObject() ?? [])
            {
                item[name] = value?.DeepClone();
            }

            _events.Add((due, item));
        }
    }
}
