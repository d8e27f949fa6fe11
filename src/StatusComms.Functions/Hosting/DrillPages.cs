using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusComms.Candor;
using StatusComms.CommsConsole;
using StatusComms.Components;
using StatusComms.Drills;
using StatusComms.Incidents;
using StatusComms.Infrastructure.Blobs;
using StatusComms.Infrastructure.Templates;
using StatusComms.Messages;
using StatusComms.Notifications;
using StatusComms.Playbooks;
using StatusComms.Postmortems;
using StatusComms.Promises;
using StatusComms.Publishing;
using StatusComms.StatusPage;
using StatusComms.Subscriptions;

namespace StatusComms.Functions.Hosting;

/// <summary>
/// The sandbox pages drills run on. Each running drill gets the app's own services built again for its page:
/// the same registrations (<see cref="ServiceCollectionExtensions.AddStatusComms"/>), with its own page id (so its
/// rows, subscribers and deliveries are apart), its own folder of the site (<c>drills/{id}/</c>, never indexed,
/// linked from nowhere public), the drill's clock, and mail that reaches the participants only. Templates, storage
/// clients, the candor check and the console's session keys are the app's, shared. Both hosts run a console or
/// management request for a drill's page with these services (<see cref="DrillRouting"/>), so participants work in
/// the console exactly as on the real day.
/// </summary>
public sealed class DrillPages(IServiceProvider root, IConfiguration configuration, IDrillStore store, TimeProvider wall) : IDrillPages, IDisposable
{
    /// <summary>How long a drill found running is taken as running without reading it again.</summary>
    public static readonly TimeSpan RunningKeptFor = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Lazy<ServiceProvider>> _pages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (Drill? Drill, DateTimeOffset ReadAt)> _running = new(StringComparer.Ordinal);

    /// <summary>The drill, if it is running: the only drills whose sandbox page a request can reach.</summary>
    public async Task<Drill?> RunningAsync(string drillId, CancellationToken cancellationToken)
    {
        if (!Drill.IsWellFormedId(drillId))
        {
            return null;
        }

        var now = wall.GetUtcNow();
        if (_running.TryGetValue(drillId, out var known) && now - known.ReadAt < RunningKeptFor)
        {
            return known.Drill;
        }

        var drill = await store.GetAsync(drillId, cancellationToken);
        drill = drill is { IsRunning: true } ? drill : null;
        _running[drillId] = (drill, now);
        return drill;
    }

    /// <summary>The drill's sandbox page's services (built on first use, then kept).</summary>
    public IServiceProvider For(Drill drill)
    {
        ArgumentNullException.ThrowIfNull(drill);
        return _pages.GetOrAdd(drill.Id, _ => new Lazy<ServiceProvider>(() => Build(drill))).Value;
    }

    public async Task PrepareAsync(Drill drill, CancellationToken cancellationToken)
    {
        var page = For(drill);
        var components = page.GetRequiredService<IComponentStore>();
        foreach (var component in (await root.GetRequiredService<IComponentStore>().ListAsync(cancellationToken)).OrderBy(c => c.IsGroup ? 0 : 1))
        {
            await components.AddAsync(component, cancellationToken);
        }

        var subscribers = page.GetRequiredService<ISubscriberStore>();
        var tokens = page.GetRequiredService<SubscriptionTokens>();
        var now = page.GetRequiredService<TimeProvider>().GetUtcNow();
        foreach (var participant in drill.Participants)
        {
            // DrillParticipant.Create normalized the address when the drill started.
            var subscriber = Subscriber.ForEmail(tokens.SubscriberId(participant.Email), participant.Email, [], now);
            subscriber.Confirm(now);
            await subscribers.TryAddAsync(subscriber, cancellationToken);
        }

        await page.GetRequiredService<SitePublisher>().PublishAsync(everything: true, cancellationToken);
    }

    public async Task<IReadOnlyList<DrillIncidentEvidence>> EvidenceAsync(Drill drill, CancellationToken cancellationToken)
    {
        var page = For(drill);
        var incidents = await page.GetRequiredService<IIncidentStore>().ListRecentIncidentsAsync(0, 100, cancellationToken);
        var runs = page.GetRequiredService<PlaybookRunService>();
        var postmortems = page.GetRequiredService<PostmortemService>();
        var evidence = new List<DrillIncidentEvidence>();
        foreach (var incident in incidents.Where(i => i.CreatedAt >= drill.StartedAt))
        {
            evidence.Add(new DrillIncidentEvidence(incident, await runs.GetAsync(incident.Id, cancellationToken), await postmortems.GetAsync(incident.Id, cancellationToken)));
        }

        return evidence;
    }

    public async Task TickAsync(Drill drill, CancellationToken cancellationToken)
    {
        var page = For(drill);
        await page.GetRequiredService<OutboxDispatcher>().DispatchAsync(cancellationToken);
        await page.GetRequiredService<SitePublisher>().PublishAsync(everything: true, cancellationToken);
        await page.GetRequiredService<PromiseWatch>().RunAsync(cancellationToken);
    }

    public async Task<bool> TellParticipantsAsync(Drill drill, string subject, string text, CancellationToken cancellationToken)
    {
        var page = For(drill);
        var from = page.GetRequiredService<MailIdentity>();
        var empty = new Dictionary<string, string>();
        var html = $"<!DOCTYPE html><html lang=\"en\"><body>{string.Concat(text.Split("\n\n").Select(p => $"<p>{System.Net.WebUtility.HtmlEncode(p)}</p>"))}</body></html>";
        var batch = new MailBatch(new MailAddressee(from.FromAddress, from.FromName), subject, text + "\n", html, drill.Participants.Select(p => new MailRecipient(p.Email, empty, empty, empty)).ToArray(), empty, "drill");
        var result = await page.GetRequiredService<IMailSender>().SendAsync(batch, cancellationToken);
        return result.Outcome == MailSendOutcome.Accepted;
    }

    /// <summary>Other instances follow within <see cref="RunningKeptFor"/>.</summary>
    public void Ended(Drill drill)
    {
        ArgumentNullException.ThrowIfNull(drill);
        _running[drill.Id] = (null, wall.GetUtcNow());
    }

    public void Dispose()
    {
        foreach (var page in _pages.Values.Where(p => p.IsValueCreated))
        {
            page.Value.Dispose();
        }
    }

    private ServiceProvider Build(Drill drill)
    {
        var real = root.GetRequiredService<PageSettings>();
        var options = root.GetRequiredService<IOptions<StatusCommsOptions>>().Value;
        var name = $"{real.Name} (drill)";
        var settings = new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{StatusCommsOptions.SectionName}:PageId"] = drill.PageId,
                [$"{StatusCommsOptions.SectionName}:PageName"] = name,
                [$"{StatusCommsOptions.SectionName}:Nudges:Emails"] = string.Join(", ", drill.Participants.Select(p => p.Email)),
                [$"{StatusCommsOptions.SectionName}:Nudges:WebhookUrl"] = string.Empty,
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(settings);
        services.AddStatusComms(settings);

        // Shared with the app: nothing in these depends on the page.
        Share<ILoggerFactory>(services);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        Share<TableServiceClient>(services);
        Share<BlobServiceClient>(services);
        Share<QueueServiceClient>(services);
        Share<RazorLightSiteRenderer>(services);
        Share<ISiteRenderer>(services);
        Share<IMessageRenderer>(services);
        Share<MessageLibrary>(services);
        Share<PlaybookLibrary>(services);
        Share<DrillLibrary>(services);
        Share<IConsoleRenderer>(services);
        Share<RazorLightEmailRenderer>(services);
        Share<IEmailRenderer>(services);
        Share<RazorLightSubscriptionPages>(services);
        Share<CandorCheck>(services);
        Share<Http.ApiGate>(services);
        Share<Console.ConsoleSessions>(services);
        Share<Console.ConsoleGate>(services);
        Share<Console.ConsoleAssets>(services);
        Share<Console.ConsoleNotices>(services);
        Share<IDrillStore>(services);
        Share<DrillService>(services);
        services.AddSingleton(this);

        // The drill's own: its page, its clock, its folder of the site, its mail.
        services.AddSingleton<TimeProvider>(new DrillClock(drill, wall));
        services.AddSingleton(real with { Id = drill.PageId, Name = name, Url = drill.SandboxUrl(real.Url).TrimEnd('/'), SubscribeUrl = null, SiteRoot = "/" + drill.SiteFolder, SandboxOf = real.Url });
        services.AddSingleton<ISiteArtifactStore>(new BlobSiteArtifactStore(root.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(options.Storage.SiteContainer), drill.SiteFolder));
        services.AddSingleton<IMailSender>(new ParticipantsOnlyMailSender(root.GetRequiredService<IMailSender>(), drill.Participants.Select(p => p.Email)));
        services.AddSingleton<INotificationQueue, DrillNotificationQueue>();
        return services.BuildServiceProvider();
    }

    private void Share<T>(IServiceCollection services)
        where T : class
        => services.AddSingleton(_ => root.GetRequiredService<T>());
}

/// <summary>
/// Which drill's sandbox page a request is for, set by the gate (a console session that joined a running drill, or
/// a management path naming a running drill's page) and read by both hosts to run the function with its services.
/// </summary>
public static class DrillRouting
{
    private const string Key = "statuscomms.drill";

    public static void Set(HttpContext context, Drill drill) => context.Items[Key] = drill;

    public static Drill? Of(HttpContext context) => context.Items.TryGetValue(Key, out var value) ? value as Drill : null;

    /// <summary>A scope of the drill's services for this request, or null for the real page's.</summary>
    /// <param name="services">The app's services (the invocation's, in the Functions host).</param>
    public static IServiceScope? ScopeFor(HttpContext context, IServiceProvider services)
        => Of(context) is { } drill ? services.GetRequiredService<DrillPages>().For(drill).CreateScope() : null;
}

/// <summary>
/// The sandbox page's mail goes out in-process: it has a handful of participants, and the app's queues are the real
/// page's (their functions run with its services). A batch a sender refused is tried again after its delay, at most
/// <see cref="MaxAttempts"/> times, then given up and shown as a problem delivery like any other. A sandbox page never
/// posts webhooks.
/// </summary>
public sealed partial class DrillNotificationQueue(IServiceProvider services, ILogger<DrillNotificationQueue> logger) : INotificationQueue
{
    public const int MaxAttempts = 5;

    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    public async Task EnqueueFanOutAsync(NotificationRef notification, CancellationToken cancellationToken)
        => await services.GetRequiredService<NotificationDispatcher>().FanOutAsync(notification, cancellationToken);

    public async Task EnqueueBatchAsync(BatchMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var attempt = _attempts.AddOrUpdate($"{message.Key}|{message.Batch}", 1, (_, n) => n + 1);
        var dispatcher = services.GetRequiredService<NotificationDispatcher>();
        if (delay <= TimeSpan.Zero)
        {
            await dispatcher.SendBatchAsync(message, cancellationToken);
            return;
        }

        _ = Task.Run(
            async () =>
            {
                try
                {
                    await Task.Delay(delay, CancellationToken.None);
                    _ = attempt >= MaxAttempts ? await dispatcher.GiveUpAsync(message, attempt + 1, CancellationToken.None) : await dispatcher.SendBatchAsync(message, CancellationToken.None);
                }
#pragma warning disable CA1031 // A drill's retry in the background: logged; the batch's record shows where it stopped.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    LogRetryFailed(logger, message.Key, exception);
                }
            },
            CancellationToken.None);
    }

    public Task EnqueueWebhookAsync(WebhookMessage message, TimeSpan delay, CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "A drill's mail {Key} could not be sent again")]
    private static partial void LogRetryFailed(ILogger logger, string key, Exception exception);
}
