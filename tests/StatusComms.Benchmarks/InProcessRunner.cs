using System.Net;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using StatusComms.LocalRunner;

namespace StatusComms.Benchmarks;

/// <summary>
/// The local runner started in this process on a free loopback port, against Azurite, with its own table, site
/// container and queues (so runs never see each other's data), as the end-to-end tests host it. Timers and queue
/// listeners are off and request logging is quiet, so nothing but the measured requests runs.
/// </summary>
public sealed partial class InProcessRunner : IAsyncDisposable
{
    public const string ApiKey = "bench-key-0123456789abcdef";
    public const string PageId = "bench";

    private readonly WebApplication _app;

    private InProcessRunner(WebApplication app, string unique)
    {
        _app = app;
        Unique = unique;
        BaseAddress = new Uri(LocalRunnerHost.BaseAddress(app) + "/");
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };
    }

    /// <summary>The name of this run's table, container and queue prefix.</summary>
    public string Unique { get; }

    public Uri BaseAddress { get; }

    /// <summary>A browser-like client: keeps cookies (the session once signed in), follows no redirects, sends no Accept-Encoding.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<InProcessRunner> StartAsync(string storage)
    {
        var unique = "console" + Guid.NewGuid().ToString("N")[..12];
        string[] args =
        [
            "--StatusComms:Port=0",
            $"--StatusComms:ApiKey={ApiKey}",
            $"--StatusComms:PageId={PageId}",
            "--StatusComms:PageName=Benchmark Cloud",
            "--StatusComms:PageUrl=https://status.example.com",
            $"--StatusComms:Storage:ConnectionString={storage}",
            $"--StatusComms:Storage:TableName={unique}",
            $"--StatusComms:Storage:SiteContainer={unique}",
            "--StatusComms:LocalRunner:RunTimers=false",
            "--StatusComms:LocalRunner:RunQueues=false",
            $"--StatusCommsQueuePrefix={unique}",
            $"--StatusComms:Email:PickupFolder={Path.Combine(Path.GetTempPath(), "statuscomms-mail", unique)}",
            // Two Information lines per request on the console would be measured with every request.
            "--Logging:LogLevel:Default=Warning",
        ];
        var app = LocalRunnerHost.Build(args);
        await app.StartAsync();
        return new InProcessRunner(app, unique);
    }

    /// <summary>Signs in as a person does: GET the form (its anti-forgery token and binding cookie), POST name and key.</summary>
    public async Task SignInAsync(string name)
    {
        var token = AntiForgery(await Client.GetStringAsync(new Uri("console/sign-in", UriKind.Relative)));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["_csrf"] = token, ["name"] = name, ["key"] = ApiKey });
        using var response = await Client.PostAsync(new Uri("console/sign-in", UriKind.Relative), form);
        if (response.StatusCode != HttpStatusCode.SeeOther)
        {
            throw new InvalidOperationException($"Sign-in answered {(int)response.StatusCode}, not 303: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>The anti-forgery token a console page carries in its forms.</summary>
    public static string AntiForgery(string html)
        => HiddenInputs(html).TryGetValue("_csrf", out var token) ? token : throw new InvalidOperationException("The page has no anti-forgery token.");

    /// <summary>The hidden inputs of a page (the last of each name), decoded.</summary>
    public static Dictionary<string, string> HiddenInputs(string html)
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in Hidden().Matches(html))
        {
            inputs[input.Groups[1].Value] = WebUtility.HtmlDecode(input.Groups[2].Value);
        }

        return inputs;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        var tables = _app.Services.GetRequiredService<TableServiceClient>();
        foreach (var table in new[] { Unique, Unique + "subscribers", Unique + "deliveries" })
        {
            await tables.DeleteTableAsync(table);
        }

        var queues = _app.Services.GetRequiredService<QueueServiceClient>();
        foreach (var suffix in new[] { "-updates", "-batches", "-webhooks" })
        {
            await queues.GetQueueClient(Unique + suffix).DeleteIfExistsAsync();
            await queues.GetQueueClient(Unique + suffix + "-poison").DeleteIfExistsAsync();
        }

        await _app.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(Unique).DeleteIfExistsAsync();
        var mail = Path.Combine(Path.GetTempPath(), "statuscomms-mail", Unique);
        if (Directory.Exists(mail))
        {
            Directory.Delete(mail, recursive: true);
        }

        await _app.DisposeAsync();
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex Hidden();
}
