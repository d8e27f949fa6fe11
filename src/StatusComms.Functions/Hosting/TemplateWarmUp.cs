using Microsoft.Extensions.Hosting;
using StatusComms.Infrastructure.Templates;

namespace StatusComms.Functions.Hosting;

/// <summary>
/// Compiles the templates while the host starts: RazorLight compiles on first use, which would otherwise land on
/// the first publish (or the first mail) after a cold start. The site's templates are compiled before the host
/// serves; the mail templates right after, in the background. Then one compacting collection returns the memory
/// the compiler (Roslyn) used, which would otherwise stay in the worker's working set (docs/benchmarks.md). With the
/// compiled templates on disk (<see cref="TemplateEngine"/>) this only loads them. The playbooks are read here too,
/// so a playbook the team broke stops the start with its file and line rather than failing on the day.
/// </summary>
public sealed class TemplateWarmUp(RazorLightSiteRenderer site, RazorLightEmailRenderer email, IServiceProvider services) : IHostedService
{
    private Task _background = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<StatusComms.Playbooks.PlaybookLibrary>(services);
        _ = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<StatusComms.Drills.DrillLibrary>(services);
        await site.WarmUpAsync(cancellationToken);
        _background = Task.Run(
            async () =>
            {
                await email.WarmUpAsync(CancellationToken.None);
                GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            },
            CancellationToken.None);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _background.WaitAsync(cancellationToken);
}
