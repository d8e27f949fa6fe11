using System.Net;
using System.Text.RegularExpressions;
using StatusComms.Functions.Hosting;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>Every function of the Functions app answers through the local runner, at the route its attribute declares.</summary>
public sealed partial class LocalRunnerReachabilityTests : RunnerTest
{
    public static TheoryData<string> Functions => new(FunctionCatalog.All.Select(f => f.Name));

    [Fact]
    public void The_catalog_finds_the_functions()
    {
        Assert.Contains(FunctionCatalog.All, f => f.Name == "CreateIncident" && f.Trigger == FunctionTrigger.Http);
        Assert.Contains(FunctionCatalog.All, f => f.Name == "ReconcileSite" && f.Schedule == "0 * * * * *");
        Assert.True(FunctionCatalog.All.Count >= 20);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task Each_function_is_reachable_through_the_local_runner(string name)
    {
        var entry = FunctionCatalog.All.Single(f => f.Name == name);
        HttpResponseMessage response;
        if (entry.Trigger == FunctionTrigger.Timer)
        {
            response = await Host.Client.PostAsync($"admin/functions/{name}", RunnerHost.Json(new { input = "" }));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return;
        }

        if (entry.Trigger == FunctionTrigger.Queue)
        {
            // The runner's listener takes a message off the function's queue and the function returns.
            var configuration = (Microsoft.Extensions.Configuration.IConfiguration)Host.Services.GetService(typeof(Microsoft.Extensions.Configuration.IConfiguration))!;
            var queues = (Azure.Storage.Queues.QueueServiceClient)Host.Services.GetService(typeof(Azure.Storage.Queues.QueueServiceClient))!;
            var queue = queues.GetQueueClient(StatusComms.LocalRunner.QueueListener.Resolve(entry.Target!, configuration));
            await queue.CreateIfNotExistsAsync();
            await queue.SendMessageAsync("{\"key\":\"inc-unknownid-unknownid\",\"batch\":0}");
            var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
            while ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0 && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(200);
            }

            Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
            return;
        }

        Assert.Equal(FunctionTrigger.Http, entry.Trigger);
        var path = RouteParameter().Replace(entry.Target!.Replace(StatusComms.Functions.Http.Routes.ItemSuffix, string.Empty, StringComparison.Ordinal).Replace("{pageId}", RunnerHost.PageId, StringComparison.Ordinal), "unknownid");
        foreach (var method in entry.HttpMethods)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PATCH" or "PUT")
            {
                request.Content = RunnerHost.Json(new { });
            }

            response = await Host.Client.SendAsync(request);

            // Reached the function (or the gate in front of it): an answer of the API, never the site's fallback,
            // a routing 405 or an unhandled 500.
            Assert.NotEqual(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            Assert.True((int)response.StatusCode < 500, $"{method} {path} answered {(int)response.StatusCode}");
            // The pages behind subscription links and the console answer people, in HTML (the console's, without a
            // session, by sending them to sign in); the console's assets are files; everything else answers in JSON.
            var html = entry.Target!.StartsWith(StatusComms.Functions.Http.Routes.PublicSubscriptions + "/", StringComparison.Ordinal)
                || entry.Target.StartsWith(StatusComms.Functions.Http.Routes.Console, StringComparison.Ordinal);
            if (entry.Name == "ConsoleAsset")
            {
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                continue;
            }

            Assert.True(
                response.Content.Headers.ContentType?.MediaType is "application/json" or "application/problem+json" || response.StatusCode == HttpStatusCode.NoContent
                    || (html && response.Content.Headers.ContentType?.MediaType == "text/html"),
                $"{method} {path} answered {response.Content.Headers.ContentType}");
        }
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
