namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>A test class with its own local runner (own table and site container), started before its tests.</summary>
public abstract class RunnerTest : IAsyncLifetime
{
    protected RunnerHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await RunnerHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
