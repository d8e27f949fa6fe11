using StatusComms.Uptime;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StatusComms.Candor;
using StatusComms.CommsConsole;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Infrastructure.Blobs;
using StatusComms.Infrastructure.Tables;
using StatusComms.Infrastructure.Templates;
using StatusComms.Maintenance;
using StatusComms.Messages;
using StatusComms.Publishing;
using Azure.Storage.Queues;
using StatusComms.Functions.Http;
using StatusComms.Infrastructure.Email;
using StatusComms.Infrastructure.Queues;
using StatusComms.Notifications;
using StatusComms.Subscriptions;

namespace StatusComms.Functions.Hosting;

/// <summary>Everything the function classes need, registered once for both hosts (Functions and the local runner).</summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddStatusComms(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(StatusCommsOptions.SectionName);
        services.AddOptions<StatusCommsOptions>()
            .Bind(section)
            .ValidateDataAnnotations()
            .Validate(o => HasStorage(o, configuration), "Storage is not configured: set StatusComms__Storage__ConnectionString (UseDevelopmentStorage=true for Azurite), or StatusComms__Storage__TableServiceUri and BlobServiceUri for managed identity.")
            .Validate(o => !InAzure || !string.IsNullOrEmpty(o.Subscriptions.SigningKey), "StatusComms:Subscriptions:SigningKey (environment: StatusComms__Subscriptions__SigningKey) is required in Azure: a base64 secret of 32 bytes or more (openssl rand -base64 32). Without it links would be signed with a key derived from the API key, and rotating the API key would break every unsubscribe link already sent.")
            .Validate(_ => configuration[StatusCommsOptions.QueuePrefixSetting] is { Length: > 0 }, $"{StatusCommsOptions.QueuePrefixSetting} is not set: the queue triggers are named %{StatusCommsOptions.QueuePrefixSetting}%-updates, -batches and -webhooks, and the Functions host does not start them without it. Set it to a short name such as {StatusCommsOptions.DefaultQueuePrefix}.")
            .Validate(o => o.Nudges.EmailsValid(), "StatusComms:Nudges:Emails (environment: StatusComms__Nudges__Emails) is a comma-separated list of the team's addresses (comms@example.com, oncall@example.com).")
            .Validate(o => o.Nudges.WebhookValid(), "StatusComms:Nudges:WebhookUrl (environment: StatusComms__Nudges__WebhookUrl) is the team chat's incoming-webhook URL, absolute and https.")
            .Validate(o => !InAzure || o.Email.SendGridApiKey is { Length: > 0 } || o.Email.PickupChosen, "StatusComms:Email:SendGridApiKey (environment: StatusComms__Email__SendGridApiKey) is required in Azure: without it every mail would be written to the instance's own disk and reach nobody. For a trial without mail, set StatusComms:Email:Mode=pickup.")
            .Validate(o => o.Email.Mode is null || o.Email.PickupChosen || string.Equals(o.Email.Mode, "sendgrid", StringComparison.OrdinalIgnoreCase), "StatusComms:Email:Mode (environment: StatusComms__Email__Mode) is \"sendgrid\" or \"pickup\".")
            .Validate(o => !string.Equals(o.Email.Mode, "sendgrid", StringComparison.OrdinalIgnoreCase) || o.Email.SendGridApiKey is { Length: > 0 }, "StatusComms:Email:Mode is sendgrid, but StatusComms:Email:SendGridApiKey (environment: StatusComms__Email__SendGridApiKey) is not set.")
            .Validate(o => SigningKeysReadable(o.Subscriptions), "StatusComms:Subscriptions:SigningKey and PreviousSigningKeys are base64 secrets of 32 bytes or more each (PreviousSigningKeys comma-separated, newest first).")
            .ValidateOnStart();

        var settings = section.Get<StatusCommsOptions>() ?? new StatusCommsOptions();
        AddStorageClients(services, settings.Storage, configuration);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StatusCommsOptions>>().Value;
            var publicBase = (o.Subscriptions.PublicBaseUrl is { Length: > 0 } url ? url : o.PageUrl).TrimEnd('/');
            return new PageSettings(o.PageId, o.PageName, o.PageUrl.TrimEnd('/'), o.TimeZone, o.Uptime.ToWeights(), $"{publicBase}/{Routes.PublicSubscriptions}");
        });

        services.AddSingleton(sp => new StatusTable(
            sp.GetRequiredService<TableServiceClient>().GetTableClient(settings.Storage.TableName),
            sp.GetRequiredService<PageSettings>().Id));
        services.AddSingleton<IComponentStore, TableComponentStore>();
        services.AddSingleton<IIncidentStore, TableIncidentStore>();
        services.AddSingleton<IMaintenanceStore, TableMaintenanceStore>();
        services.AddSingleton<IPublicationLedger, TablePublicationLedger>();
        services.AddSingleton<IUptimeStore, TableUptimeStore>();
        services.AddSingleton<UptimeRecorder>();
        services.AddSingleton<ISiteArtifactStore>(sp => new BlobSiteArtifactStore(
            sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(settings.Storage.SiteContainer)));
        services.AddSingleton(_ => new RazorLightSiteRenderer(Path.Combine(AppContext.BaseDirectory, "templates")));
        services.AddSingleton<ISiteRenderer>(sp => sp.GetRequiredService<RazorLightSiteRenderer>());
        services.AddHostedService<TemplateWarmUp>();

        services.AddSingleton(sp =>
        {
            // Clock times in messages are read in the page's zone unless the check names its own.
            var candor = configuration.GetSection($"{StatusCommsOptions.SectionName}:Candor").Get<CandorOptions>() ?? new CandorOptions();
            candor.TimeZone ??= sp.GetRequiredService<IOptions<StatusCommsOptions>>().Value.TimeZone;
            return candor;
        });
        services.AddSingleton<CandorCheck>();
        services.AddSingleton<DraftReviewService>();
        services.AddSingleton<IMessageRenderer>(_ => new RazorLightMessageRenderer(Path.Combine(AppContext.BaseDirectory, "templates")));
        services.AddSingleton<MessageLibrary>();
        services.AddSingleton(sp =>
        {
            var messages = sp.GetRequiredService<IMessageRenderer>();
            return StatusComms.Infrastructure.Templates.PlaybookFolder.Load(Path.Combine(AppContext.BaseDirectory, "templates", "playbooks"), id => messages.TemplateIds.Contains(id, StringComparer.Ordinal));
        });
        services.AddSingleton<SitePublisher>();
        services.AddSingleton<PublishAfterChange>();
        services.AddSingleton<ComponentService>();
        services.AddSingleton<IncidentService>();
        services.AddSingleton<StatusComms.Postmortems.IPostmortemStore, TablePostmortemStore>();
        services.AddSingleton<StatusComms.Postmortems.PostmortemService>();
        services.AddSingleton<MaintenanceService>();
        services.AddSingleton<MaintenanceSchedule>();
        services.AddSingleton<StatusComms.Playbooks.IPlaybookRunStore, TablePlaybookRunStore>();
        services.AddSingleton<StatusComms.Playbooks.PlaybookRunService>();
        services.AddSingleton(sp =>
        {
            var playbooks = sp.GetRequiredService<StatusComms.Playbooks.PlaybookLibrary>();
            return DrillFolder.Load(Path.Combine(AppContext.BaseDirectory, "templates", "drills"), id => playbooks.Find(id) is not null);
        });
        services.AddSingleton<StatusComms.Drills.IDrillStore, TableDrillStore>();
        services.AddSingleton<DrillPages>();
        services.AddSingleton<StatusComms.Drills.IDrillPages>(sp => sp.GetRequiredService<DrillPages>());
        services.AddSingleton<StatusComms.Drills.DrillService>();
        services.AddSingleton<ApiGate>();
        services.AddSingleton<Console.ConsoleSessions>();
        services.AddSingleton<Console.ConsoleGate>();
        services.AddSingleton<IConsoleRenderer>(_ => new RazorLightConsoleRenderer(Path.Combine(AppContext.BaseDirectory, "templates")));
        services.AddSingleton<Console.ConsoleAssets>();
        services.AddSingleton<Console.ConsoleChromeFactory>();
        services.AddSingleton<Console.ConsoleNotices>();
        services.AddTransient<Console.IncidentScreen>(); // also renders the incident page again for a refused checklist form
        services.AddTransient<Console.DrillsScreen>(); // also renders the drills page again for a refused start form
        services.AddSingleton<ConsoleService>();
        services.AddSingleton<PostmortemConsole>();
        services.AddSingleton<SubscribersConsole>();
        services.AddSingleton<MaintenanceConsole>();
        AddNotifications(services, settings, configuration);

        // Function classes answer with IActionResults (JsonResult); their executors come with MVC's core services.
        // Registered here so both hosts have them, whatever the worker's ASP.NET Core integration adds itself.
        services.AddMvcCore();
        return services;
    }

    /// <summary>Subscribers, the email pipeline and its queues (docs/notifications.md).</summary>
    private static void AddNotifications(IServiceCollection services, StatusCommsOptions settings, IConfiguration configuration)
    {
        services.AddSingleton(sp => new NotificationTables(sp.GetRequiredService<TableServiceClient>(), settings.Storage.TableName, sp.GetRequiredService<PageSettings>().Id));
        services.AddSingleton<ISubscriberStore, TableSubscriberStore>();
        services.AddSingleton<IDeliveryLedger, TableDeliveryLedger>();
        services.AddSingleton<IRateLimiter, TableRateLimiter>();
        services.AddSingleton<INotificationOutbox, TableNotificationOutbox>();
        services.AddSingleton(_ => new NotificationQueueNames(configuration[StatusCommsOptions.QueuePrefixSetting] ?? throw new InvalidOperationException($"{StatusCommsOptions.QueuePrefixSetting} is not set.")));
        services.AddSingleton<INotificationQueue>(sp => new StorageNotificationQueue(sp.GetRequiredService<QueueServiceClient>(), sp.GetRequiredService<NotificationQueueNames>()));
        services.AddSingleton(_ => new RazorLightEmailRenderer(Path.Combine(AppContext.BaseDirectory, "templates")));
        services.AddSingleton<IEmailRenderer>(sp => sp.GetRequiredService<RazorLightEmailRenderer>());
        services.AddSingleton(_ => new RazorLightSubscriptionPages(Path.Combine(AppContext.BaseDirectory, "templates")));
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StatusCommsOptions>>().Value;
            var ring = o.Subscriptions.ConfiguredSigningKeys().Select(Convert.FromBase64String).ToList();
            if (string.IsNullOrEmpty(o.Subscriptions.SigningKey))
            {
                ring.Insert(0, System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(o.ApiKey), "statuscomms subscription signing key"u8));
            }

            return new SubscriptionTokens(ring);
        });
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StatusCommsOptions>>().Value;
            var root = (o.Subscriptions.PublicBaseUrl is { Length: > 0 } url ? url : o.PageUrl).TrimEnd('/') + "/";
            return new SubscriptionLinks(root + Routes.ConfirmSubscription, root + Routes.ManageSubscription, root + Routes.Unsubscribe, o.Subscriptions.UnsubscribeMailto);
        });
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StatusCommsOptions>>().Value;
            return new MailIdentity(o.Email.FromAddress, o.Email.FromName);
        });
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StatusCommsOptions>>().Value.Subscriptions;
            return new SubscriptionLimits(o.SubscribesPerWindow) { Window = TimeSpan.FromMinutes(o.WindowMinutes), PerRecipient = o.SubscribesPerRecipient, RecipientWindow = TimeSpan.FromHours(o.RecipientWindowHours) };
        });
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StatusCommsOptions>>().Value;
            return o.Delivery with { ProviderEvents = o.Email.SendGridApiKey is { Length: > 0 } && o.Email.EventWebhookPublicKey is { Length: > 0 } };
        });
        services.AddSingleton<IMailSender>(sp =>
        {
            var email = sp.GetRequiredService<IOptions<StatusCommsOptions>>().Value.Email;
            if (email.SendGridApiKey is not { Length: > 0 } apiKey || email.PickupChosen)
            {
                return new PickupFolderMailSender(Path.GetFullPath(email.PickupFolder), sp.GetRequiredService<TimeProvider>());
            }

            var http = new HttpClient { Timeout = TimeSpan.FromSeconds(email.TimeoutSeconds) };
            var options = new SendGrid.SendGridClientOptions { ApiKey = apiKey };
            if (email.SendGridHost is { Length: > 0 } host)
            {
                options.Host = host;
            }

            return new SendGridMailSender(http, options, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<NotificationComposer>();
        services.AddSingleton<NotificationSource>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<SubscriptionService>();
        services.AddSingleton<Subscriptions.SubscriptionPages>();
        services.AddSingleton<ProviderEventService>();
        services.AddSingleton<IHostResolver, StatusComms.Infrastructure.Webhooks.DnsHostResolver>();
        services.AddSingleton<IWebhookSender>(_ => new StatusComms.Infrastructure.Webhooks.HttpWebhookSender(settings.Webhooks.AllowPrivateTargets, TimeSpan.FromSeconds(settings.Webhooks.TimeoutSeconds)));
        services.AddSingleton<WebhookDispatcher>();
        AddNudges(services, settings.Nudges);
        if (settings.Email.EventWebhookPublicKey is { Length: > 0 } publicKey)
        {
            services.AddSingleton(new EventWebhookSignature(publicKey, TimeSpan.FromMinutes(settings.Email.EventWebhookMaxAgeMinutes)));
        }
    }

    /// <summary>The promise watch and the channels the team configured (mail, a Slack or Teams webhook).</summary>
    private static void AddNudges(IServiceCollection services, NudgeSettings nudges)
    {
        services.AddSingleton<StatusComms.Promises.INudgeLedger, TableNudgeLedger>();
        if (nudges.EmailList() is { Count: > 0 } team)
        {
            services.AddSingleton<StatusComms.Promises.INudgeChannel>(sp => new StatusComms.Promises.MailNudgeChannel(sp.GetRequiredService<IMailSender>(), sp.GetRequiredService<MailIdentity>(), team));
        }

        if (nudges.WebhookUrl is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var endpoint))
        {
            services.AddSingleton<StatusComms.Promises.INudgeChannel>(sp => new StatusComms.Promises.ChatNudgeChannel(sp.GetRequiredService<IWebhookSender>(), endpoint, nudges.WebhookFormat));
        }

        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StatusCommsOptions>>().Value;
            var consoleBase = (o.Subscriptions.PublicBaseUrl is { Length: > 0 } publicBase ? publicBase : o.PageUrl).TrimEnd('/') + "/console/";
            return new StatusComms.Promises.NudgeOptions(TimeSpan.FromMinutes(o.Nudges.LeadMinutes), new Uri(consoleBase));
        });
        services.AddSingleton<StatusComms.Promises.PromiseWatch>();
    }

    private static void Base64Messages(QueueClientOptions options) => options.MessageEncoding = QueueMessageEncoding.Base64;

    private static bool HasStorage(StatusCommsOptions options, IConfiguration configuration)
        => !string.IsNullOrEmpty(options.Storage.ConnectionString)
            || (options.Storage.TableServiceUri is not null && options.Storage.BlobServiceUri is not null)
            || !string.IsNullOrEmpty(configuration["AzureWebJobsStorage"]);

    /// <summary>Running in Azure App Service or Functions (the platform sets WEBSITE_SITE_NAME), not on a laptop.</summary>
    private static bool InAzure => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WEBSITE_SITE_NAME"));

    private static bool SigningKeysReadable(SubscriptionSettings subscriptions)
    {
        foreach (var key in subscriptions.ConfiguredSigningKeys())
        {
            var bytes = new byte[key.Length];
            if (!Convert.TryFromBase64String(key, bytes, out var length) || length < 32)
            {
                return false;
            }
        }

        return true;
    }

    private static void AddStorageClients(IServiceCollection services, StorageOptions storage, IConfiguration configuration)
    {
        var connectionString = !string.IsNullOrEmpty(storage.ConnectionString) ? storage.ConnectionString : configuration["AzureWebJobsStorage"];
        services.AddAzureClients(clients =>
        {
            // A comms lead waits on these calls: when storage is unreachable, say so (503) within seconds rather
            // than after the SDK's default 100 s network timeout and long backoff.
            clients.ConfigureDefaults(options =>
            {
                options.Retry.MaxRetries = 3;
                options.Retry.Delay = TimeSpan.FromMilliseconds(200);
                options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
                options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
            });

            if (storage.TableServiceUri is not null && storage.BlobServiceUri is not null && string.IsNullOrEmpty(storage.ConnectionString))
            {
                // In Azure: the app's managed identity, no secrets in settings.
                clients.AddTableServiceClient(storage.TableServiceUri);
                clients.AddBlobServiceClient(storage.BlobServiceUri);
                if (storage.QueueServiceUri is not null)
                {
                    clients.AddQueueServiceClient(storage.QueueServiceUri).ConfigureOptions(Base64Messages);
                }

                clients.UseCredential(new DefaultAzureCredential());
            }
            else if (!string.IsNullOrEmpty(connectionString))
            {
                clients.AddTableServiceClient(connectionString);
                clients.AddBlobServiceClient(connectionString);
                clients.AddQueueServiceClient(connectionString).ConfigureOptions(Base64Messages);
            }
        });
    }
}
