using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>
/// The metrics and traces an operator reads (docs/operations.md), recorded by a real incident through the local
/// runner: a publish's duration, the fan-out's recipients, the mail batch's outcome, an update posted over candor
/// errors with an override; and a span for the publish and the send. Other tests run beside this one in the same
/// process, so each figure is checked as at least what this test caused, with its tags.
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task An_incident_records_publish_latency_fan_out_delivery_outcome_and_the_override_with_spans()
    {
        var measured = new ConcurrentBag<(string Instrument, double Value, Dictionary<string, string?> Tags)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == StatusComms.Common.StatusCommsTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<double>((i, v, tags, _) => measured.Add((i.Name, v, Tags(tags))));
        meters.SetMeasurementEventCallback<long>((i, v, tags, _) => measured.Add((i.Name, v, Tags(tags))));
        meters.Start();
        var spans = new ConcurrentBag<Activity>();
        using var traces = new ActivityListener
        {
            ShouldListenTo = source => source.Name is StatusComms.Common.StatusCommsTelemetry.Name or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(traces);

        await using var host = await RunnerHost.StartAsync();
        await host.SubscribeConfirmedAsync("ops-reader@acme.test");
        var created = await host.Client.PostAsync(RunnerHost.Api("incidents"), RunnerHost.Json(new
        {
            incident = new
            {
                name = "Telemetry drill",
                body = "We are experiencing technical difficulties.",
                next_update_at = RunnerHost.Soon(),
                candor_override_reason = "The operators' test of the override counter.",
            },
        }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Single(await host.MailsAsync(1));
        for (var deadline = DateTime.UtcNow.AddSeconds(10); !measured.Any(m => m.Instrument == "statuscomms.deliveries" && m.Tags["statuscomms.outcome"] == "sent") && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(100);
        }

        Assert.Contains(measured, m => m.Instrument == "statuscomms.publish.duration" && m.Value > 0 && m.Tags["statuscomms.publish.kind"] == "change");
        Assert.Contains(measured, m => m.Instrument == "statuscomms.fanout.recipients" && m.Value >= 1 && m.Tags["statuscomms.channel"] == "mail");
        Assert.Contains(measured, m => m.Instrument == "statuscomms.deliveries" && m.Tags["statuscomms.channel"] == "mail" && m.Tags["statuscomms.outcome"] == "sent");
        Assert.Contains(measured, m => m.Instrument == "statuscomms.candor.overrides" && m.Value == 1 && m.Tags["statuscomms.stage"] == "investigating");
        Assert.Contains(spans, s => s.OperationName == "publish" && (string?)s.GetTagItem("statuscomms.page") == RunnerHost.PageId);
        Assert.Contains(spans, s => s.OperationName == "send mail batch" && (string?)s.GetTagItem("statuscomms.outcome") == "Accepted");

        // One trace from the request through the queues to the send: the messages carry it (traceparent).
        var send = spans.First(s => s.OperationName == "send mail batch" && (string?)s.GetTagItem("statuscomms.notification") is { } key && key.StartsWith("inc-", StringComparison.Ordinal) && spans.Any(f => f.OperationName == "fan-out" && f.TraceId == s.TraceId));
        var request = spans.Where(s => s.Source.Name == "Microsoft.AspNetCore" && s.TraceId == send.TraceId).ToArray();
        Assert.True(request.Length > 0, "the send continues the trace of the request that posted the update");
        Assert.Contains(spans, s => s.OperationName == "mail batch" && s.TraceId == send.TraceId && s.SpanId == send.ParentSpanId);
    }

    private static Dictionary<string, string?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var found = new Dictionary<string, string?>(StringComparer.Ordinal) { ["statuscomms.publish.kind"] = null, ["statuscomms.channel"] = null, ["statuscomms.outcome"] = null, ["statuscomms.stage"] = null };
        foreach (var tag in tags)
        {
            found[tag.Key] = tag.Value?.ToString();
        }

        return found;
    }
}
