namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>A test class with its own local runner (own table and site container), started before its tests.</summary>
public abstract class RunnerTest : IAsyncLifetime
{
    protected RunnerHost Host { get; private set; } = null!;

    /// <summary>Settings the class's host starts with (command-line form), beside the test defaults.</summary>
    protected virtual string[] Settings => [];

    public async Task InitializeAsync() => Host = await RunnerHost.StartAsync(null, Settings);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
