using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Moq;
using StatusComms.Infrastructure.Blobs;
using StatusComms.Publishing;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>
/// A publish fails after a change was stored (the site's storage is down): the change is still accepted, and the
/// reconcile timer publishes it once storage is back. The failure is injected at the edge with Moq; the table and
/// the blob container underneath are Azurite's.
/// </summary>
public sealed class ReconcileTests
{
    [Fact]
    public async Task The_reconcile_timer_publishes_what_a_failed_publish_left_behind()
    {
        var siteDown = true;
        await using var host = await RunnerHost.StartAsync(services =>
        {
            services.RemoveAll<ISiteArtifactStore>();
            services.AddSingleton(sp =>
            {
                var real = new BlobSiteArtifactStore(sp.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>().GetBlobContainerClient(ContainerOf(sp)));
                var edge = new Mock<ISiteArtifactStore>();
                edge.Setup(s => s.WriteAsync(It.IsAny<SiteArtifact>(), It.IsAny<long>(), It.IsAny<CancellationToken>()))
                    .Returns((SiteArtifact artifact, long version, CancellationToken token) => siteDown
                        ? throw new Azure.RequestFailedException(503, "The site's storage is unavailable.")
                        : real.WriteAsync(artifact, version, token));
                edge.Setup(s => s.ReadAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
                    .Returns((string path, CancellationToken token) => real.ReadAsync(path, token));
                return edge.Object;
            });
        });

        var (created, _) = await host.CreateIncidentAsync(new { name = "Dashboard down for all users", body = "The dashboard does not load for any user. The API works.", impact_override = "critical", next_update_at = RunnerHost.Soon() });
        var id = (string)created["id"]!;
        Assert.Null(await host.SiteAsync($"/incidents/{id}.html"));

        siteDown = false;
        var run = await host.Client.PostAsync("admin/functions/ReconcileSite", RunnerHost.Json(new { input = "" }));

        Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        Assert.Contains("Dashboard down", await host.SiteAsync($"/incidents/{id}.html"), StringComparison.Ordinal);
        Assert.Contains("Dashboard down", await host.SiteAsync("/"), StringComparison.Ordinal);
        Assert.Empty(await host.Services.GetRequiredService<IPublicationLedger>().ListPendingAsync(CancellationToken.None));
    }

    private static string ContainerOf(IServiceProvider services)
        => services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Hosting.StatusCommsOptions>>().Value.Storage.SiteContainer;
}
