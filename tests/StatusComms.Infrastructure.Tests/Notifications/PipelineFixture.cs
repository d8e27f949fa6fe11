using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Infrastructure.Tables;
using StatusComms.Infrastructure.Templates;
using StatusComms.Notifications;
using StatusComms.StatusPage;
using StatusComms.Subscriptions;

namespace StatusComms.Infrastructure.Tests.Notifications;

/// <summary>
/// A page on Azurite with 1,500 subscribers of every kind, for the pipeline tests: 1,400 confirmed for everything,
/// 40 confirmed for the affected component only, 30 confirmed for another component, 20 pending, 10 unsubscribed.
/// Every run posts a new incident, so each gets fresh ledger records.
/// </summary>
public sealed class PipelineFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly string _name = Azurite.UniqueName();

    public PipelineFixture()
    {
        var service = new TableServiceClient(Azurite.ConnectionString);
        Page = new StatusTable(service.GetTableClient(_name), "acme");
        Tables = new NotificationTables(service, _name, "acme");
        Subscribers = new TableSubscriberStore(Tables);
        Ledger = new TableDeliveryLedger(Tables);
        Incidents = new TableIncidentStore(Page);
        Components = new TableComponentStore(Page);
        Settings = new PageSettings("acme", "Acme Cloud", "https://status.acme.test", "Etc/UTC");
        Tokens = new SubscriptionTokens(Enumerable.Repeat((byte)7, 32).ToArray());
        Renderer = new RazorLightEmailRenderer(Path.Combine(AppContext.BaseDirectory, "templates"));
    }

    public StatusTable Page { get; }
    public NotificationTables Tables { get; }
    public TableSubscriberStore Subscribers { get; }
    public TableDeliveryLedger Ledger { get; }
    public TableIncidentStore Incidents { get; }
    public TableComponentStore Components { get; }
    public PageSettings Settings { get; }
    public SubscriptionTokens Tokens { get; }
    public RazorLightEmailRenderer Renderer { get; }
    public Component Api { get; } = new() { Id = "api", Name = "API", CreatedAt = Start, UpdatedAt = Start };
    public Component Web { get; } = new() { Id = "web", Name = "Dashboard", CreatedAt = Start, UpdatedAt = Start };

    /// <summary>The addresses that must hear about an incident on the API, each exactly once.</summary>
    public HashSet<string> ExpectedRecipients { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        await Components.AddAsync(Api, CancellationToken.None);
        await Components.AddAsync(Web, CancellationToken.None);
        var people = new List<(string Email, string[] Components, SubscriberStatus Status)>();
        people.AddRange(Enumerable.Range(0, 1400).Select(i => ($"all{i}@example.com", Array.Empty<string>(), SubscriberStatus.Confirmed)));
        people.AddRange(Enumerable.Range(0, 40).Select(i => ($"api{i}@example.com", new[] { "api" }, SubscriberStatus.Confirmed)));
        people.AddRange(Enumerable.Range(0, 30).Select(i => ($"web{i}@example.com", new[] { "web" }, SubscriberStatus.Confirmed)));
        people.AddRange(Enumerable.Range(0, 20).Select(i => ($"pending{i}@example.com", Array.Empty<string>(), SubscriberStatus.Pending)));
        people.AddRange(Enumerable.Range(0, 10).Select(i => ($"gone{i}@example.com", Array.Empty<string>(), SubscriberStatus.Unsubscribed)));
        await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (p, token) =>
        {
            var subscriber = Subscriber.ForEmail(Tokens.SubscriberId(p.Email), p.Email, p.Components, Start);
            if (p.Status == SubscriberStatus.Confirmed)
            {
                subscriber.Confirm(Start);
            }
            else if (p.Status == SubscriberStatus.Unsubscribed)
            {
                subscriber.Unsubscribe("by link", Start);
            }

            Assert.True(await Subscribers.TryAddAsync(subscriber, token));
        });
        foreach (var p in people.Where(p => p.Status == SubscriberStatus.Confirmed && !p.Components.Contains("web")))
        {
            ExpectedRecipients.Add(p.Email);
        }
    }

    /// <summary>A new incident on the API: the update to notify about.</summary>
    public async Task<NotificationRef> PostIncidentAsync(DateTimeOffset at, bool deliver = true)
    {
        var known = new Dictionary<string, Component> { ["api"] = Api, ["web"] = Web };
        var incident = Incident.Open(
            StatusComms.Common.Ids.NewId(),
            "API errors <for> \"EU\" customers",
            new IncidentCommand { Status = IncidentStatus.Investigating, Body = "About 30% of API calls fail with error 503.\nRetrying works.", Components = new Dictionary<string, ComponentStatus> { ["api"] = ComponentStatus.PartialOutage }, NextUpdateAt = at.AddMinutes(30), Author = "lead", DeliverNotifications = deliver },
            null,
            null,
            known,
            at);
        await Incidents.AddAsync(incident, CancellationToken.None);
        return new NotificationRef(NotificationKind.Incident, incident.Id, incident.Updates[0].Id);
    }

    public NotificationComposer Composer(TimeProvider time)
        => new(Renderer, Tokens, new SubscriptionLinks("https://status.acme.test/api/public/subscriptions/confirm", "https://status.acme.test/api/public/subscriptions/manage", "https://status.acme.test/api/public/subscriptions/unsubscribe", "unsubscribe@acme.test"), new MailIdentity("status@acme.test", null), time);

    public NotificationDispatcher Dispatcher(IDeliveryLedger ledger, ISubscriberStore subscribers, INotificationQueue queue, IMailSender sender, DeliveryOptions options, FakeTimeProvider time)
        => new(ledger, subscribers, queue, sender, Composer(time), new NotificationSource(Incidents, new TableMaintenanceStore(Page), Components, Settings), options, time, NullLogger<NotificationDispatcher>.Instance);

    /// <summary>The events endpoint's service, as SendGrid's Event Webhook reaches it.</summary>
    public ProviderEventService Events(TimeProvider time)
        => new(Ledger, new SubscriptionService(Subscribers, Components, Tokens, Composer(time), new CapturingSender(new CrashPlan(0)), new TableRateLimiter(Tables, time), Settings, new SubscriptionLimits(), time), time);

    public async Task DisposeAsync()
    {
        await Page.Client.DeleteAsync();
        await Tables.Subscribers.DeleteAsync();
        await Tables.Deliveries.DeleteAsync();
    }
}
