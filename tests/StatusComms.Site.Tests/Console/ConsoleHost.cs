using Microsoft.Playwright;
using StatusComms.Functions.Tests.EndToEnd;
using StatusComms.Site.Tests.Tools;

namespace StatusComms.Site.Tests.Console;

/// <summary>One local runner on Azurite and one Chromium for a class of console tests; each test makes its own incidents.</summary>
public sealed class ConsoleHost : IAsyncLifetime
{
    public const string Lead = "Ada Lovelace";

    public RunnerHost Host { get; private set; } = null!;

    public Browser Browser { get; } = new();

    public string BaseAddress => Host.Anonymous.BaseAddress!.ToString().TrimEnd('/');

    public async Task InitializeAsync()
    {
        Host = await RunnerHost.StartAsync();
        await Browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Host.DisposeAsync();
    }

    public Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = BaseAddress;
        return Browser.Chromium.NewContextAsync(options);
    }

    /// <summary>Signs in through the sign-in page, as a person does, and lands on the screen asked for.</summary>
    public static async Task SignInAsync(IPage page, string path = "/console/")
    {
        await page.GotoAsync(path);
        Assert.Contains("/console/sign-in", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Your name").FillAsync(Lead);
        await page.GetByLabel("API key").FillAsync(RunnerHost.ApiKey);
        // The wait is set before the click, so a navigation that finishes first is not missed (a 30 s timeout seen once in CI).
        var signedIn = page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await signedIn;
    }
}
