using System.Diagnostics;
using System.Net.Sockets;

namespace StatusComms.LocalRunner;

/// <summary>
/// Starts Azurite from the project's own node_modules (data under .azurite/ in the repository) when the storage
/// is the local emulator and nothing listens on its ports; stops it when the runner stops.
/// </summary>
public sealed partial class AzuriteLauncher(ILogger<AzuriteLauncher> logger) : IAsyncDisposable
{
    private static readonly int[] Ports = [10000, 10001, 10002];
    private Process? _process;

    public static bool IsEmulator(string? connectionString)
        => connectionString is not null
            && (connectionString.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase)
                || connectionString.Contains("127.0.0.1:1000", StringComparison.Ordinal));

    public async Task EnsureRunningAsync(CancellationToken cancellationToken)
    {
        if (await AllListeningAsync(cancellationToken))
        {
            return;
        }

        var root = FindRepositoryRoot() ?? throw new InvalidOperationException("Azurite is not running and the repository (package.json) was not found to start it. Run ./run.sh from the repository root.");
        var azurite = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            LogInstalling(logger);
            using var install = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = root }) ?? throw new InvalidOperationException("npm could not be started.");
            await install.WaitForExitAsync(cancellationToken);
            if (install.ExitCode != 0)
            {
                throw new InvalidOperationException("npm ci failed; Azurite could not be installed.");
            }
        }

        var data = Path.Combine(root, ".azurite");
        Directory.CreateDirectory(data);
        var start = new ProcessStartInfo(azurite)
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["--silent", "--skipApiVersionCheck", "--disableTelemetry", "--location", data, "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1"])
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite could not be started.");
        LogStarted(logger, data);
        var deadline = Stopwatch.StartNew();
        while (!await AllListeningAsync(cancellationToken))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30) || _process.HasExited)
            {
                throw new InvalidOperationException("Azurite did not start listening on 127.0.0.1:10000-10002 within 30 s.");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    private static async Task<bool> AllListeningAsync(CancellationToken cancellationToken)
    {
        foreach (var port in Ports)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            }
            catch (SocketException)
            {
                return false;
            }
        }

        return true;
    }

    private static string? FindRepositoryRoot()
    {
        foreach (var start in (string[])[Directory.GetCurrentDirectory(), AppContext.BaseDirectory])
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "package.json")) && File.Exists(Path.Combine(directory.FullName, "StatusComms.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Installing Azurite with npm ci")]
    private static partial void LogInstalling(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started Azurite with data in {DataFolder}")]
    private static partial void LogStarted(ILogger logger, string dataFolder);
}
