using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using StatusComms.LocalRunner;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>
/// The local runner started in-process on a free port, against Azurite, with its own table and site container so
/// tests never see each other's data. Timers are off: tests run the reconcile function through the admin endpoint.
/// </summary>
public sealed class RunnerHost : IAsyncDisposable
{
    public const string ApiKey = "test-key-0123456789abcdef";
    public const string PageId = "acme";

    private readonly WebApplication _app;
    private readonly string _unique;

    private RunnerHost(WebApplication app, string baseAddress, string unique)
    {
        _app = app;
        _unique = unique;
        Client = new HttpClient { BaseAddress = new Uri(baseAddress + "/") };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("OAuth", ApiKey);
        Anonymous = new HttpClient { BaseAddress = new Uri(baseAddress + "/") };
    }

    /// <summary>A client that sends the API key.</summary>
    public HttpClient Client { get; }

    /// <summary>A client that sends no credentials, as a customer's browser.</summary>
    public HttpClient Anonymous { get; }

    public IServiceProvider Services => _app.Services;

    public static string Storage => Environment.GetEnvironmentVariable("STATUSCOMMS_TEST_STORAGE") is { Length: > 0 } s ? s : "UseDevelopmentStorage=true";

    public static async Task<RunnerHost> StartAsync(Action<IServiceCollection>? services = null, params string[] settings)
    {
        var unique = "t" + Guid.NewGuid().ToString("N")[..16];
        string[] args =
        [
            "--StatusComms:Port=0",
            $"--StatusComms:ApiKey={ApiKey}",
            $"--StatusComms:PageId={PageId}",
            "--StatusComms:PageName=Acme Cloud",
            "--StatusComms:PageUrl=https://status.acme.test",
            $"--StatusComms:Storage:ConnectionString={Storage}",
            $"--StatusComms:Storage:TableName={unique}",
            $"--StatusComms:Storage:SiteContainer={unique}",
            "--StatusComms:LocalRunner:RunTimers=false",
            $"--StatusCommsQueuePrefix={unique}",
            $"--StatusComms:Email:PickupFolder={Path.Combine(Path.GetTempPath(), "statuscomms-mail", unique)}",
            .. settings,
        ];
        var app = LocalRunnerHost.Build(args, builder =>
        {
            if (services is not null)
            {
                services(builder.Services);
            }
        });
        await app.StartAsync();
        return new RunnerHost(app, LocalRunnerHost.BaseAddress(app), unique);
    }

    public static string Api(string path) => $"api/v1/pages/{PageId}/{path}";

    /// <summary>A fake clock at the start of the current minute, for tests that move time (register it as the host's TimeProvider).</summary>
    public static Microsoft.Extensions.Time.Testing.FakeTimeProvider MinuteClock()
    {
        var now = DateTimeOffset.UtcNow;
        return new(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero));
    }

    /// <summary>Runs a function now through the runner's admin endpoint (as the Functions host's), a timer's run included.</summary>
    public async Task RunFunctionAsync(string name)
    {
        var run = await Client.PostAsync($"admin/functions/{name}", Json(new { input = "" }));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, run.StatusCode);
    }

    /// <summary>A next-update time <paramref name="minutes"/> from now, as the API takes it.</summary>
    public static string Soon(int minutes = 25) => DateTimeOffset.UtcNow.AddMinutes(minutes).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>GET a JSON document with the key.</summary>
    public async Task<JsonNode?> GetJsonAsync(string path) => JsonNode.Parse(await Client.GetStringAsync(path));

    public static StringContent Json(object body)
        => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    /// <summary>What <c>curl -d "incident[name]=…" -d …</c> sends: the pairs joined by &amp;, unencoded, and no charset.</summary>
    public static ByteArrayContent CurlForm(params string[] pairs)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(string.Join('&', pairs)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return content;
    }

    /// <summary>Adds a confirmed email subscriber (to every component, or to <paramref name="componentIds"/>), as if they had clicked the link; their id.</summary>
    public async Task<string> SubscribeConfirmedAsync(string email, params string[] componentIds)
    {
        var store = _app.Services.GetRequiredService<StatusComms.Subscriptions.ISubscriberStore>();
        var tokens = _app.Services.GetRequiredService<StatusComms.Subscriptions.SubscriptionTokens>();
        var subscriber = StatusComms.Subscriptions.Subscriber.ForEmail(tokens.SubscriberId(email), email, componentIds, DateTimeOffset.UtcNow);
        subscriber.Confirm(DateTimeOffset.UtcNow);
        Assert.True(await store.TryAddAsync(subscriber, CancellationToken.None));
        return subscriber.Id;
    }

    /// <summary>Waits up to 20 s for at least <paramref name="count"/> mails; the mails there are then.</summary>
    public async Task<IReadOnlyList<string>> MailsAsync(int count)
    {
        for (var deadline = DateTimeOffset.UtcNow.AddSeconds(20); Mails().Count < count && DateTimeOffset.UtcNow < deadline;)
        {
            await Task.Delay(100);
        }

        return Mails();
    }

    public async Task<JsonNode> CreateComponentAsync(string name, string? groupId = null)
    {
        var response = await Client.PostAsync(Api("components"), Json(new { component = new { name, description = $"{name} for customers", group_id = groupId } }));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    public async Task<(JsonNode Body, string ETag)> CreateIncidentAsync(object incident)
    {
        var response = await Client.PostAsync(Api("incidents"), Json(new { incident }));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, text);
        return (JsonNode.Parse(text)!, response.Headers.ETag!.ToString());
    }

    public async Task<HttpResponseMessage> PatchIncidentAsync(string id, object incident, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, Api($"incidents/{id}")) { Content = Json(new { incident }) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>A page of the published site, as a browser gets it from the runner; null when not published.</summary>
    public async Task<string?> SiteAsync(string path)
    {
        var response = await Anonymous.GetAsync(path);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : null;
    }

    /// <summary>The blob container this host publishes the site to.</summary>
    public string SiteContainer => _unique;

    /// <summary>Where this host's mail goes (no SendGrid key: the pickup folder).</summary>
    public string MailFolder => Path.Combine(Path.GetTempPath(), "statuscomms-mail", _unique);

    /// <summary>The .eml files written so far, oldest first.</summary>
    public IReadOnlyList<string> Mails()
        => Directory.Exists(MailFolder)
            ? new DirectoryInfo(MailFolder).GetFiles("*.eml").OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal).Select(f => File.ReadAllText(f.FullName)).ToArray()
            : [];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        await _app.StopAsync();
        var tables = _app.Services.GetRequiredService<Azure.Data.Tables.TableServiceClient>();
        foreach (var table in new[] { _unique, _unique + "subscribers", _unique + "deliveries" })
        {
            await tables.DeleteTableAsync(table);
        }

        var queues = _app.Services.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>();
        foreach (var suffix in new[] { "-updates", "-batches", "-webhooks" })
        {
            await queues.GetQueueClient(_unique + suffix).DeleteIfExistsAsync();
            await queues.GetQueueClient(_unique + suffix + "-poison").DeleteIfExistsAsync();
        }

        await _app.Services.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>().GetBlobContainerClient(_unique).DeleteIfExistsAsync();
        if (Directory.Exists(MailFolder))
        {
            Directory.Delete(MailFolder, recursive: true);
        }

        await _app.DisposeAsync();
    }
}
