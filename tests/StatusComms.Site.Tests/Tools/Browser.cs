using Microsoft.Playwright;

namespace StatusComms.Site.Tests.Tools;

/// <summary>One headless Debian Chromium for all browser tests, driven by Playwright (no Playwright browser download).</summary>
public sealed class Browser : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Tooling.Chromium,
            Headless = true,
            Args = Tooling.ChromiumFlags,
        });
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
