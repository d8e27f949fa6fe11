using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace StatusComms.Infrastructure.Tests.Email;

/// <summary>
/// SendGrid's own OpenAPI description of mail/send (tests/contracts/sendgrid) served by the validating mock server
/// Prism (npm @stoplight/prism-cli, pinned in package.json) on loopback with --errors: a request SendGrid would
/// refuse is answered 400 with the violated rule in sl-violations.
/// </summary>
public sealed class PrismSendGrid : IAsyncLifetime
{
    private Process? _prism;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var root = RepositoryRoot();
        var cli = Path.Combine(root, "node_modules", "@stoplight", "prism-cli", "dist", "index.js");
        if (!File.Exists(cli))
        {
            throw new FileNotFoundException("Prism is not installed: run scripts/setup.sh (npm ci), which ./test.sh runs first.", cli);
        }

        var port = FreePort();
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { cli, "mock", "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--errors", Path.Combine(root, "tests", "contracts", "sendgrid", "mail_send.oas.json") })
        {
            start.ArgumentList.Add(argument);
        }

        _prism = Process.Start(start)!;
        _prism.OutputDataReceived += (_, _) => { };
        _prism.ErrorDataReceived += (_, _) => { };
        _prism.BeginOutputReadLine();
        _prism.BeginErrorReadLine();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                if (_prism.HasExited)
                {
                    throw new InvalidOperationException($"Prism exited with code {_prism.ExitCode}.");
                }

                await Task.Delay(200);
            }
        }

        throw new TimeoutException("Prism did not start listening within 60 s.");
    }

    public Task DisposeAsync()
    {
        if (_prism is { HasExited: false })
        {
            _prism.Kill(entireProcessTree: true);
        }

        _prism?.Dispose();
        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StatusComms.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root is not above " + AppContext.BaseDirectory);
    }
}
