using Microsoft.Extensions.Time.Testing;
using SendGrid;
using StatusComms.Infrastructure.Email;
using StatusComms.Infrastructure.Tests.Email;
using StatusComms.Notifications;

namespace StatusComms.Infrastructure.Tests.Notifications;

/// <summary>
/// The pipeline on Azurite, crashed at every step of the fan-out and of each send (before and after every call at
/// its edges), then left to recover as the Functions host would (a crashed message is delivered again). Each run
/// must end with every subscriber who wants the update having got it exactly once, or, where SendGrid's events
/// cannot tell whether an interrupted send went out, with that batch recorded as ambiguous and nobody mailed twice.
/// With a sender that writes each recipient once (the pickup folder), every crash recovers by itself within two minutes.
/// </summary>
public sealed class PipelineCrashTests(PipelineFixture page, PrismSendGrid prism) : IClassFixture<PipelineFixture>, IClassFixture<PrismSendGrid>
{
    private static readonly DeliveryOptions Base = new() { ScanPageSize = 400 };

    [Fact]
    public async Task Without_a_crash_each_subscriber_who_wants_the_update_gets_it_once_in_batches_of_at_most_1000()
    {
        var run = await RunAsync(int.MaxValue, Base);

        Assert.Null(run.Plan.Crashed);
        Assert.Equal(2, run.Sender.Sent.Count); // 1,440 recipients: 1,000 + 440, one call each.
        Assert.All(run.Sender.Sent, m => Assert.InRange(m.Recipients.Count, 1, 1000));
        AssertExactlyOnce(run.Sender, page.ExpectedRecipients);
        Assert.Empty(await page.Ledger.ListProblemsAsync(100, CancellationToken.None) is var problems ? problems.Where(p => p.Key == run.Key).ToArray() : []);
    }

    [Fact]
    public async Task A_crash_at_any_step_with_sendgrid_events_leads_to_exactly_one_mail_per_subscriber()
    {
        var options = Base with { ProviderEvents = true };
        var steps = (await RunAsync(int.MaxValue, options, evidence: true)).Plan.Steps;
        Assert.True(steps > 30, $"{steps} steps");

        var failures = new List<string>();
        for (var step = 1; step <= steps; step++)
        {
            var run = await RunAsync(step, options, evidence: true);
            Assert.NotNull(run.Plan.Crashed);
            var problem = Check(run.Sender, page.ExpectedRecipients);
            if (problem is not null)
            {
                failures.Add($"step {step} ({run.Plan.Crashed}): {problem}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task A_crash_at_any_step_without_sendgrid_events_never_mails_anyone_twice_and_records_what_it_cannot_know()
    {
        var steps = (await RunAsync(int.MaxValue, Base)).Plan.Steps;

        var failures = new List<string>();
        var ambiguous = 0;
        for (var step = 1; step <= steps; step++)
        {
            var run = await RunAsync(step, Base);
            var problems = (await page.Ledger.ListProblemsAsync(1000, CancellationToken.None)).Where(p => p.Key == run.Key).ToArray();
            // Between the claim and the record of the outcome: before the call (nothing went out) or after it.
            var beforeCall = run.Plan.Crashed!.StartsWith("after TryClaimAsync(b", StringComparison.Ordinal) || run.Plan.Crashed == "before SendGrid mail/send";
            var afterCall = run.Plan.Crashed == "after SendGrid mail/send" || run.Plan.Crashed.StartsWith("before RecordAsync(b", StringComparison.Ordinal);
            var interrupted = beforeCall || afterCall;
            if (!interrupted)
            {
                if (Check(run.Sender, page.ExpectedRecipients) is { } problem)
                {
                    failures.Add($"step {step} ({run.Plan.Crashed}): {problem}");
                }

                if (problems.Length > 0)
                {
                    failures.Add($"step {step} ({run.Plan.Crashed}): unexpected problem {problems[0].Record.State} {problems[0].Record.Reason}");
                }

                continue;
            }

            // The send was claimed and the worker died around the call: recorded as ambiguous, not sent again.
            ambiguous++;
            var record = Assert.Single(problems).Record;
            Assert.Equal(DeliveryState.Ambiguous, record.State);
            Assert.Contains("Not sent again", record.Reason, StringComparison.Ordinal);
            var mailed = run.Sender.Sent.SelectMany(m => m.Recipients).GroupBy(r => r.Email).ToArray();
            Assert.All(mailed, g => Assert.Single(g));
            var expectedMissing = afterCall ? 0 : record.Recipients;
            Assert.Equal(page.ExpectedRecipients.Count - expectedMissing, mailed.Length);

            if (beforeCall)
            {
                // A person checks SendGrid's activity, sees it never went out, and sends it again.
                Assert.NotNull(await run.Dispatcher.ResendAsync(run.Key, record.Target, "ops@acme.test", CancellationToken.None));
                await DrainAsync(run);
                if (Check(run.Sender, page.ExpectedRecipients) is { } afterResend)
                {
                    failures.Add($"step {step} ({run.Plan.Crashed}) after the resend: {afterResend}");
                }

                Assert.DoesNotContain(await page.Ledger.ListProblemsAsync(1000, CancellationToken.None), p => p.Key == run.Key);
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(8, ambiguous); // 2 batches × (after the claim, before the call, after the call, before the record).
    }

    [Fact]
    public async Task Turning_notifications_off_for_an_update_sends_nothing()
    {
        var run = await RunAsync(int.MaxValue, Base, deliver: false);

        Assert.Empty(run.Sender.Sent);
    }

    [Fact]
    public async Task A_crash_at_any_step_with_a_sender_that_writes_each_recipient_once_ends_with_one_mail_each_within_two_minutes_without_a_person()
    {
        var steps = (await RunAsync(int.MaxValue, Base, oncePerRecipient: true)).Plan.Steps;

        var failures = new List<string>();
        var midBatch = 0;
        for (var step = 1; step <= steps; step++)
        {
            var run = await RunAsync(step, Base, oncePerRecipient: true);
            midBatch += run.Plan.Crashed!.Contains("pickup", StringComparison.Ordinal) ? 1 : 0;
            if (Check(run.Sender, page.ExpectedRecipients) is { } problem)
            {
                failures.Add($"step {step} ({run.Plan.Crashed}): {problem}");
            }

            if ((await page.Ledger.ListProblemsAsync(1000, CancellationToken.None)).FirstOrDefault(p => p.Key == run.Key) is { } left)
            {
                failures.Add($"step {step} ({run.Plan.Crashed}): left for a person: {left.Record.State} {left.Record.Reason}");
            }

            var took = run.Time.GetUtcNow() - PipelineFixture.Start;
            if (took > TimeSpan.FromMinutes(2))
            {
                failures.Add($"step {step} ({run.Plan.Crashed}): recovered after {took}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(8, midBatch); // 2 batches × 2 halves × (before, after): crashes in the middle of writing a batch.
    }

    [Fact]
    public async Task A_crash_at_any_step_sending_through_sendgrids_description_with_its_events_ends_with_one_mail_each_within_two_minutes()
    {
        var options = Base with { ProviderEvents = true };
        var steps = (await RunAsync(int.MaxValue, options, station: _ => { })).Plan.Steps;

        var failures = new List<string>();
        var aroundHttp = 0;
        for (var step = 1; step <= steps; step++)
        {
            var run = await RunAsync(step, options, station: _ => { });
            aroundHttp += run.Plan.Crashed!.EndsWith("SendGrid HTTP", StringComparison.Ordinal) ? 1 : 0;
            await AssertRecoveredAsync(run, run.Station!.Taken, failures);
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(4, aroundHttp); // 2 batches × (before the request went out, after SendGrid took it).
    }

    [Fact]
    public async Task An_answer_lost_after_sendgrid_took_the_batch_is_settled_by_its_events_without_a_second_mail()
    {
        var run = await RunAsync(int.MaxValue, Base with { ProviderEvents = true }, station: s => s.Faults.Enqueue(StationFault.LoseAnswer));

        var failures = new List<string>();
        await AssertRecoveredAsync(run, run.Station!.Taken, failures);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(2, run.Station.Calls);
        var record = (await page.Ledger.ListRecordsAsync(run.Key, CancellationToken.None)).Single(r => r.Target == "b00000");
        Assert.Equal(DeliveryState.Sent, record.State);
        Assert.Contains("Confirmed by SendGrid", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_later_attempt_leaves_out_whoever_sendgrid_reported_an_earlier_attempt_reached()
    {
        // The first attempt is taken but its answer is lost, and SendGrid's events are late (3 min): after the
        // evidence grace the batch is sent again, SendGrid refuses that with a 429, and by the next attempt the first
        // attempt's events have come. Without the record of who was reached, that attempt mails all 1,000 again.
        var run = await RunAsync(int.MaxValue, Base with { ProviderEvents = true }, station: s =>
        {
            s.EventDelay = TimeSpan.FromMinutes(3);
            foreach (var fault in new[] { StationFault.LoseAnswer, StationFault.None, StationFault.RateLimit })
            {
                s.Faults.Enqueue(fault);
            }
        });

        Assert.Null(Check(run.Station!.Taken, page.ExpectedRecipients));
        Assert.Equal(3, run.Station.Calls);
        var record = (await page.Ledger.ListRecordsAsync(run.Key, CancellationToken.None)).Single(r => r.Target == "b00000");
        Assert.Equal(DeliveryState.Sent, record.State);
        Assert.Equal(3, record.Attempt);
        Assert.Contains("reached all 1000", record.Reason, StringComparison.Ordinal);
        Assert.Equal(1000, (await page.Ledger.ListReachedAsync(run.Key, "b00000", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_persons_resend_mails_only_those_sendgrid_has_not_reported()
    {
        // Without the events setting an interrupted send is left for a person. SendGrid's events name 600 of its
        // recipients as reached by an earlier attempt: the person's resend mails the other 400, and only them.
        var run = await RunAsync(int.MaxValue, Base, station: s => s.Faults.Enqueue(StationFault.LoseAnswer));
        var record = (await page.Ledger.ListProblemsAsync(100, CancellationToken.None)).Single(p => p.Key == run.Key).Record;
        Assert.Equal(DeliveryState.Ambiguous, record.State);
        var firstBatch = run.Station!.Taken.Take(1000).ToHashSet(StringComparer.Ordinal);
        var reported = firstBatch.Order(StringComparer.Ordinal).Take(600).ToHashSet(StringComparer.Ordinal);
        foreach (var email in reported)
        {
            await page.Ledger.NoteEvidenceAsync(run.Key, record.Target, "an-earlier-attempt", page.Tokens.SubscriberId(email), CancellationToken.None);
        }

        Assert.NotNull(await run.Dispatcher.ResendAsync(run.Key, record.Target, "ops@acme.test", CancellationToken.None));
        await DrainAsync(run);

        var resent = run.Station.Taken.Skip(firstBatch.Count + (page.ExpectedRecipients.Count - 1000)).ToArray();
        Assert.Equal(400, resent.Length);
        Assert.DoesNotContain(resent, reported.Contains);
        var after = (await page.Ledger.ListRecordsAsync(run.Key, CancellationToken.None)).Single(r => r.Target == record.Target);
        Assert.Equal(DeliveryState.Sent, after.State);
        Assert.Equal(400, after.Recipients);
        Assert.Contains("Left out 600 recipients", after.Reason, StringComparison.Ordinal);
    }

    private async Task AssertRecoveredAsync(Run run, IEnumerable<string> mailed, List<string> failures)
    {
        if (Check(mailed, page.ExpectedRecipients) is { } problem)
        {
            failures.Add($"{run.Plan.Crashed ?? "no crash"}: {problem}");
        }

        if ((await page.Ledger.ListProblemsAsync(1000, CancellationToken.None)).FirstOrDefault(p => p.Key == run.Key) is { } left)
        {
            failures.Add($"{run.Plan.Crashed ?? "no crash"}: left for a person: {left.Record.State} {left.Record.Reason}");
        }

        var took = run.Time.GetUtcNow() - PipelineFixture.Start;
        if (took > TimeSpan.FromMinutes(2))
        {
            failures.Add($"{run.Plan.Crashed ?? "no crash"}: recovered after {took}");
        }
    }

    /// <param name="station">Sends through the official SendGrid client to Prism, behind a <see cref="SendGridStation"/> set up by this.</param>
    private async Task<Run> RunAsync(int crashAt, DeliveryOptions options, bool evidence = false, bool deliver = true, bool oncePerRecipient = false, Action<SendGridStation>? station = null)
    {
        var time = new FakeTimeProvider(PipelineFixture.Start);
        var notification = await page.PostIncidentAsync(time.GetUtcNow(), deliver);
        var plan = new CrashPlan(crashAt);
        var queue = new ClockQueue(time, plan);
        var sender = new CapturingSender(plan) { OncePerRecipient = oncePerRecipient };
        if (evidence)
        {
            // SendGrid's "processed" event for every accepted message, as the events endpoint records it.
            sender.Evidence = mail => page.Ledger.NoteEvidenceAsync(mail.CustomArgs["sc_key"], mail.CustomArgs["sc_target"], mail.CustomArgs["sc_attempt"], null, CancellationToken.None);
        }

        SendGridStation? sendGrid = null;
        IMailSender mail = sender;
        if (station is not null)
        {
            sendGrid = new SendGridStation(plan, time);
            station(sendGrid);
            mail = new SendGridMailSender(new HttpClient(sendGrid), new SendGridClientOptions { ApiKey = "SG.crash-test", Host = prism.BaseAddress.ToString().TrimEnd('/') }, time);
        }

        var dispatcher = page.Dispatcher(new CrashingLedger(page.Ledger, plan), new CrashingSubscribers(page.Subscribers, plan), queue, mail, options, time);
        queue.Redeliver(notification);
        var run = new Run(notification.Key, plan, sender, sendGrid, dispatcher, page.Events(time), queue, time);
        await DrainAsync(run);
        return run;
    }

    /// <summary>
    /// Runs queued messages as the host would until the queue is empty; a crashed message is delivered again. SendGrid's
    /// events reach the events service when they fall due (the events endpoint runs apart from the crashing worker).
    /// </summary>
    private static async Task DrainAsync(Run run)
    {
        var (dispatcher, queue, time) = (run.Dispatcher, run.Queue, run.Time);
        for (var handled = 0; handled < 200; handled++)
        {
            if (queue.TakeNext() is not { } next)
            {
                break;
            }

            while (run.Station?.NextEventDue is { } eventsDue && eventsDue <= next.Due)
            {
                time.Advance(eventsDue > time.GetUtcNow() ? eventsDue - time.GetUtcNow() : TimeSpan.Zero);
                await PostEventsAsync(run);
            }

            if (next.Due > time.GetUtcNow())
            {
                time.Advance(next.Due - time.GetUtcNow());
            }

            try
            {
                switch (next.Message)
                {
                    case NotificationRef fanOut:
                        await dispatcher.FanOutAsync(fanOut, CancellationToken.None);
                        break;
                    case BatchMessage batch:
                        await dispatcher.SendBatchAsync(batch, CancellationToken.None);
                        break;
                }
            }
            catch (CrashException)
            {
                queue.Redeliver(next.Message); // The host delivers the message again.
            }
        }

        Assert.Equal(0, queue.Count);
    }

    private static async Task PostEventsAsync(Run run)
    {
        using var events = run.Station!.TakeDueEvents();
        if (events is not null)
        {
            await run.Events.HandleAsync(events.RootElement, CancellationToken.None);
        }
    }

    private static void AssertExactlyOnce(CapturingSender sender, IReadOnlySet<string> expected)
    {
        var problem = Check(sender, expected);
        Assert.True(problem is null, problem);
    }

    private static string? Check(CapturingSender sender, IReadOnlySet<string> expected) => Check(sender.Sent.SelectMany(m => m.Recipients).Select(r => r.Email), expected);

    private static string? Check(IEnumerable<string> mailed, IReadOnlySet<string> expected)
    {
        var counts = mailed.GroupBy(e => e, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var twice = counts.Where(c => c.Value > 1).Select(c => c.Key).Take(3).ToArray();
        var missing = expected.Where(e => !counts.ContainsKey(e)).Take(3).ToArray();
        var stray = counts.Keys.Where(e => !expected.Contains(e)).Take(3).ToArray();
        return twice.Length + missing.Length + stray.Length == 0
            ? null
            : $"{counts.Count(c => c.Value > 1)} twice (e.g. {string.Join(", ", twice)}), {expected.Count(e => !counts.ContainsKey(e))} missing (e.g. {string.Join(", ", missing)}), {stray.Length} not subscribed (e.g. {string.Join(", ", stray)})";
    }

    private sealed record Run(string Key, CrashPlan Plan, CapturingSender Sender, SendGridStation? Station, NotificationDispatcher Dispatcher, ProviderEventService Events, ClockQueue Queue, FakeTimeProvider Time);
}
