using StatusComms.Publishing;

namespace StatusComms.Functions.Publishing;

/// <summary>POST publish: republishes the site now (what the timer does every minute) and reports what it wrote.</summary>
public sealed class PublishSite(SitePublisher publisher)
{
    [Function(nameof(PublishSite))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Publish)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var report = await publisher.PublishAsync(everything: true, cancellationToken);
        return ApiResults.Ok(new { report.Version, report.Written, report.Unchanged, report.Superseded, ElapsedMs = report.Elapsed.TotalMilliseconds });
    }
}
