using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using StatusComms.Functions.Hosting;
using StatusComms.Functions.Http;
using StatusComms.Publishing;

namespace StatusComms.LocalRunner;

/// <summary>
/// Hosts the Functions app's function classes on Kestrel: HTTP routes and timer schedules come from their trigger
/// attributes (via <see cref="FunctionCatalog"/>), the published site is served at the root, and Azurite is started
/// when the storage is the local emulator and none is listening.
/// </summary>
public static partial class LocalRunnerHost
{
    public const int DefaultPort = 7071;

    public static async Task<int> RunAsync(string[] args)
    {
        var demo = args.Contains("--demo");
        var generatedKey = false;
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("StatusComms__ApiKey")))
        {
            Environment.SetEnvironmentVariable("StatusComms__ApiKey", RandomNumberGenerator.GetHexString(32, lowercase: true));
            generatedKey = true;
        }

        await using var app = Build(args.Where(a => a != "--demo").ToArray());
        await using var azurite = new AzuriteLauncher(app.Services.GetRequiredService<ILogger<AzuriteLauncher>>());
        if (AzuriteLauncher.IsEmulator(app.Configuration["StatusComms:Storage:ConnectionString"]))
        {
            await azurite.EnsureRunningAsync(app.Lifetime.ApplicationStopping);
        }

        await app.StartAsync();
        if (demo)
        {
            await DemoContent.SeedAsync(app.Services, app.Lifetime.ApplicationStopping);
        }
        else
        {
            await app.Services.GetRequiredService<SitePublisher>().PublishAsync(everything: true, app.Lifetime.ApplicationStopping);
        }

        var address = BaseAddress(app);
        var pageId = app.Configuration["StatusComms:PageId"];
        Console.WriteLine();
        Console.WriteLine("StatusComms is running (local runner; Ctrl+C stops it).");
        Console.WriteLine($"  Status page     {address}/");
        Console.WriteLine($"  Comms console   {address}/console/   (sign in with the API key and your name)");
        Console.WriteLine($"  Management API  {address}/api/v1/pages/{pageId}/");
        Console.WriteLine(generatedKey
            ? $"  API key         {app.Configuration["StatusComms:ApiKey"]}   (generated; set StatusComms__ApiKey to choose one)"
            : "  API key         from StatusComms__ApiKey");
        Console.WriteLine(app.Services.GetRequiredService<StatusComms.Notifications.IMailSender>() is StatusComms.Infrastructure.Email.PickupFolderMailSender pickup
            ? $"  Mail            {address}/_mail/   (no SendGrid key: .eml files in {pickup.Folder})"
            : "  Mail            SendGrid");
        Console.WriteLine($"  Try             curl -H \"Authorization: OAuth $KEY\" {address}/api/v1/pages/{pageId}/components");
        Console.WriteLine();
        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>Builds the runner; tests call this with <c>--StatusComms:Port=0</c> and their own settings, and may
    /// replace services in <paramref name="configure"/> (it runs after the app's own registrations).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StatusComms:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["StatusComms:PageId"] = "statuscomms",
            ["StatusComms:PageName"] = "StatusComms",
            [StatusCommsOptions.QueuePrefixSetting] = StatusCommsOptions.DefaultQueuePrefix,
        }.Where(kv => string.IsNullOrEmpty(builder.Configuration[kv.Key])));

        var port = builder.Configuration.GetValue("StatusComms:Port", DefaultPort);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        if (string.IsNullOrEmpty(builder.Configuration["StatusComms:PageUrl"]))
        {
            builder.Configuration["StatusComms:PageUrl"] = $"http://127.0.0.1:{(port == 0 ? DefaultPort : port)}";
        }

        builder.Services.AddStatusComms(builder.Configuration);
        builder.Services.AddSingleton<FunctionInvoker>();
        // The Azure SDK logs every request, and every expected 404, at Information/Warning.
        builder.Logging.AddFilter("Azure", LogLevel.Error);

        // ASP.NET Core logs each request's whole URL, and subscription links carry their token in it: the runner
        // logs its own line per request instead, with credentials redacted (LogSafe).
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        configure?.Invoke(builder);
        if (builder.Configuration.GetValue("StatusComms:LocalRunner:RunTimers", true))
        {
            builder.Services.AddHostedService<TimerScheduler>();
        }

        if (builder.Configuration.GetValue("StatusComms:LocalRunner:RunQueues", true))
        {
            builder.Services.AddHostedService<QueueListener>();
        }

        // Azure's static website hosting does not compress; the CDN or Front Door in front of it does
        // (docs/api.md). The runner compresses as that edge would, so what a browser gets here is what it gets there.
        builder.Services.AddResponseCompression(o => o.MimeTypes = StaticSite.CompressedTypes);

        var app = builder.Build();
        var requests = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("StatusComms.LocalRunner.Requests");
        app.Use(async (context, next) =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await next(context);
            if (requests.IsEnabled(LogLevel.Information))
            {
                var url = LogSafe.PathAndQuery(context.Request);
                var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                LogRequest(requests, context.Request.Method, url, context.Response.StatusCode, elapsed);
            }
        });
        app.UseResponseCompression();
        var prefix = RoutePrefix();
        var invoker = app.Services.GetRequiredService<FunctionInvoker>();
        foreach (var entry in FunctionCatalog.All.Where(f => f.Trigger == FunctionTrigger.Http))
        {
            app.MapMethods(prefix.Length == 0 ? $"/{entry.Target}" : $"/{prefix}/{entry.Target}", entry.HttpMethods, context => invoker.InvokeHttpAsync(entry, context)).WithName(entry.Name);
        }

        // Core Tools' way to run a non-HTTP function by hand; here it needs the management API key.
        app.MapPost("/admin/functions/{name}", async (string name, HttpContext context) =>
        {
            var entry = FunctionCatalog.All.FirstOrDefault(f => f.Name == name && f.Trigger == FunctionTrigger.Timer);
            if (entry is null)
            {
                return Results.Problem(statusCode: 404, title: "Not found", detail: $"There is no timer function named '{name}'.");
            }

            if (context.RequestServices.GetRequiredService<ApiGate>().Authenticate(context) is { } refusal)
            {
                return Results.Problem(statusCode: refusal.StatusCode, title: "Unauthorized", detail: "Send the API key as 'Authorization: OAuth <key>'.");
            }

            await FunctionInvoker.InvokeTimerAsync(entry, context.RequestServices, context.RequestAborted);
            return Results.Accepted();
        });

        // With no SendGrid key, mail goes to the pickup folder; list it here so a person can open what was sent.
        if (app.Services.GetRequiredService<StatusComms.Notifications.IMailSender>() is StatusComms.Infrastructure.Email.PickupFolderMailSender pickup)
        {
            app.MapGet("/_mail/{**name}", (string? name, HttpContext context) => PickupFolderPage.ServeAsync(context, pickup.Folder, name));
        }

        var site = app.Services.GetRequiredService<ISiteArtifactStore>();
        // A catch-all of its own: MapFallback alone skips paths with a file extension, which every page has.
        app.MapFallback("{**path}", context => StaticSite.ServeAsync(context, site));
        return app;
    }

    /// <summary>The address Kestrel listens on (with the real port when 0 was asked for).</summary>
    public static string BaseAddress(WebApplication app)
        => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    /// <summary>
    /// The HTTP route prefix from host.json (extensions.http.routePrefix), as the Functions host uses it: "api" when
    /// host.json does not say. Ours says "" (every route is written whole in <see cref="Routes"/>).
    /// </summary>
    private static string RoutePrefix()
    {
        var hostJson = Path.Combine(AppContext.BaseDirectory, "host.json");
        if (!File.Exists(hostJson))
        {
            throw new FileNotFoundException("host.json is missing beside the app: it says where the routes start.", hostJson);
        }

        using var document = JsonDocument.Parse(File.ReadAllText(hostJson));
        return document.RootElement.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var prefix)
                ? prefix.GetString()?.Trim('/') ?? "api"
                : "api";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {PathAndQuery} {Status} in {ElapsedMs:F1} ms")]
    private static partial void LogRequest(ILogger logger, string method, string pathAndQuery, int status, double elapsedMs);
}
