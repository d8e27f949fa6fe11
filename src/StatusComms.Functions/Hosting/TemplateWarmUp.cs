using Microsoft.Extensions.Hosting;
using StatusComms.Infrastructure.Templates;

namespace StatusComms.Functions.Hosting;

/// <summary>
/// Compiles the site templates while the host starts: RazorLight compiles on first use, which would otherwise
/// land on the first publish after a cold start.
/// </summary>
public sealed class TemplateWarmUp(RazorLightSiteRenderer renderer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => renderer.WarmUpAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
