using System.Text;
using Azure.Storage.Blobs;
using StatusComms.Infrastructure.Blobs;
using StatusComms.Publishing;

namespace StatusComms.Infrastructure.Tests.Blobs;

public sealed class BlobSiteArtifactStoreTests : IAsyncLifetime
{
    private readonly BlobContainerClient _container = Azurite.NewContainer();
    private BlobSiteArtifactStore _store = null!;

    public Task InitializeAsync()
    {
        _store = new BlobSiteArtifactStore(_container);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _container.DeleteIfExistsAsync();

    [Fact]
    public async Task A_page_is_written_with_its_content_type_and_cache_control()
    {
        Assert.Equal(ArtifactWriteOutcome.Written, await _store.WriteAsync(Page("<p>up</p>"), 1, CancellationToken.None));

        var properties = (await _container.GetBlobClient("index.html").GetPropertiesAsync()).Value;
        Assert.Equal("text/html; charset=utf-8", properties.ContentType);
        Assert.Equal("public, max-age=30", properties.CacheControl);
        Assert.Equal("<p>up</p>", Encoding.UTF8.GetString((await _store.ReadAsync("index.html", CancellationToken.None))!.Content));
    }

    [Fact]
    public async Task Unchanged_content_is_not_rewritten()
    {
        await _store.WriteAsync(Page("<p>up</p>"), 1, CancellationToken.None);
        var before = (await _container.GetBlobClient("index.html").GetPropertiesAsync()).Value.ETag;

        var outcome = await _store.WriteAsync(Page("<p>up</p>"), 2, CancellationToken.None);

        Assert.Equal(ArtifactWriteOutcome.Unchanged, outcome);
        Assert.Equal(before, (await _container.GetBlobClient("index.html").GetPropertiesAsync()).Value.ETag);
    }

    [Fact]
    public async Task An_older_render_never_overwrites_a_newer_one()
    {
        await _store.WriteAsync(Page("<p>version 7</p>"), 7, CancellationToken.None);

        var outcome = await _store.WriteAsync(Page("<p>version 6</p>"), 6, CancellationToken.None);

        Assert.Equal(ArtifactWriteOutcome.SupersededByNewer, outcome);
        var file = (await _store.ReadAsync("index.html", CancellationToken.None))!;
        Assert.Equal("<p>version 7</p>", Encoding.UTF8.GetString(file.Content));
        Assert.Equal(7, file.Version);
    }

    [Fact]
    public async Task The_same_version_with_new_content_is_written()
    {
        // The clock moves pages without a data change (a maintenance window opens): same version, new content.
        await _store.WriteAsync(Page("<p>scheduled</p>"), 3, CancellationToken.None);

        Assert.Equal(ArtifactWriteOutcome.Written, await _store.WriteAsync(Page("<p>in progress</p>"), 3, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_publishers_end_with_the_newest_render_whatever_the_order()
    {
        for (var round = 0; round < 10; round++)
        {
            var path = $"race{round}.html";
            var writes = Enumerable.Range(1, 6).OrderBy(_ => Random.Shared.Next())
                .Select(v => _store.WriteAsync(Page($"<p>v{v}</p>", path), v, CancellationToken.None));

            await Task.WhenAll(writes);

            var file = (await _store.ReadAsync(path, CancellationToken.None))!;
            Assert.Equal(6, file.Version);
            Assert.Equal("<p>v6</p>", Encoding.UTF8.GetString(file.Content));
        }
    }

    [Fact]
    public async Task A_missing_file_reads_as_null()
        => Assert.Null(await _store.ReadAsync("nothing-here.html", CancellationToken.None));

    [Fact]
    public async Task Within_the_trust_window_an_unchanged_file_costs_no_request_and_a_changed_one_a_single_upload()
    {
        var counter = new RequestLog();
        var options = new BlobClientOptions();
        options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerCall);
        var counted = new BlobServiceClient(Azurite.ConnectionString, options).GetBlobContainerClient(_container.Name);
        var store = new BlobSiteArtifactStore(counted);
        await store.WriteAsync(Page("<p>up</p>"), 1, CancellationToken.None);
        var afterFirst = counter.Count;

        Assert.Equal(ArtifactWriteOutcome.Unchanged, await store.WriteAsync(Page("<p>up</p>"), 2, CancellationToken.None));
        Assert.Equal(afterFirst, counter.Count);

        Assert.Equal(ArtifactWriteOutcome.Written, await store.WriteAsync(Page("<p>down</p>"), 3, CancellationToken.None));
        Assert.Equal(new[] { "PUT" }, counter.Methods.Skip(afterFirst));
        Assert.Equal("<p>down</p>", Encoding.UTF8.GetString((await store.ReadAsync("index.html", CancellationToken.None))!.Content));
    }

    [Fact]
    public async Task Another_publishers_write_since_this_one_last_looked_is_found_and_a_newer_render_kept()
    {
        var other = new BlobSiteArtifactStore(_container);
        await _store.WriteAsync(Page("<p>version 1</p>"), 1, CancellationToken.None);
        await other.WriteAsync(Page("<p>version 3</p>"), 3, CancellationToken.None);

        // This process remembers version 1; the conditional upload fails, the blob is read, and version 3 stays.
        Assert.Equal(ArtifactWriteOutcome.SupersededByNewer, await _store.WriteAsync(Page("<p>version 2</p>"), 2, CancellationToken.None));
        Assert.Equal("<p>version 3</p>", Encoding.UTF8.GetString((await _store.ReadAsync("index.html", CancellationToken.None))!.Content));

        // And a newer render than the other's still replaces it.
        Assert.Equal(ArtifactWriteOutcome.Written, await _store.WriteAsync(Page("<p>version 4</p>"), 4, CancellationToken.None));
        Assert.Equal(4, (await other.ReadAsync("index.html", CancellationToken.None))!.Version);
    }

    private static SiteArtifact Page(string html, string path = "index.html")
        => new(path, Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", "public, max-age=30");
}
