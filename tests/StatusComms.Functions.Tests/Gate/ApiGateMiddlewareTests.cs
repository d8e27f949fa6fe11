using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StatusComms.Functions.Hosting;
using StatusComms.Functions.Http;

namespace StatusComms.Functions.Tests.Gate;

/// <summary>
/// The Functions host's side of the gate, driven with a <see cref="FunctionContext"/> as the worker's own tests
/// drive middleware: the function is known by its name (its route from the catalog), route values come from the
/// invocation's binding data, a refusal never runs the function, and an exception becomes problem+json.
/// </summary>
public sealed class ApiGateMiddlewareTests : IDisposable
{
    private const string Key = "a-long-enough-api-key-for-the-middleware";
    private readonly ServiceProvider _services;
    private readonly ApiGateMiddleware _middleware;

    public ApiGateMiddlewareTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StatusComms:ApiKey"] = Key,
            ["StatusComms:PageId"] = "acme",
            ["StatusComms:PageUrl"] = "https://status.acme.test",
            ["StatusComms:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["StatusComms:TrustClientPrincipal"] = "false",
            [StatusCommsOptions.QueuePrefixSetting] = "t",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddStatusComms(configuration);
        _services = services.BuildServiceProvider();
        _middleware = new ApiGateMiddleware(_services.GetRequiredService<ApiGate>());
    }

    [Fact]
    public async Task A_management_function_without_the_key_is_refused_and_never_runs_whatever_the_route_prefix()
    {
        var ran = false;
        var context = new TestFunctionContext("ListIncidents", new() { ["pageId"] = "acme", ["Query"] = "{}", ["Headers"] = "{}" }, _services);

        var answer = await _middleware.RunAsync(context, Http("/prefix/api/v1/pages/acme/incidents"), _ => { ran = true; return Task.CompletedTask; });

        Assert.False(ran);
        Assert.Equal(401, Assert.IsType<JsonResult>(answer).StatusCode);
    }

    [Fact]
    public async Task With_the_key_the_function_runs_and_its_own_answer_stands()
    {
        var ran = false;
        var context = new TestFunctionContext("ListIncidents", new() { ["pageId"] = "acme", ["Query"] = "{\"q\":\"x y\"}" }, _services);

        var answer = await _middleware.RunAsync(context, Http("/api/v1/pages/acme/incidents", $"OAuth {Key}"), _ => { ran = true; return Task.CompletedTask; });

        Assert.True(ran);
        Assert.Null(answer);
    }

    [Fact]
    public async Task Another_page_in_the_binding_data_is_404_and_a_public_function_needs_no_key()
    {
        var other = await _middleware.RunAsync(new TestFunctionContext("ListIncidents", new() { ["pageId"] = "other" }, _services), Http("/api/v1/pages/other/incidents", $"OAuth {Key}"), _ => Task.CompletedTask);
        var ran = false;
        var open = await _middleware.RunAsync(new TestFunctionContext("Subscribe", [], _services), Http("/api/public/subscriptions"), _ => { ran = true; return Task.CompletedTask; });

        Assert.Equal(404, Assert.IsType<JsonResult>(other).StatusCode);
        Assert.True(ran);
        Assert.Null(open);
    }

    [Fact]
    public async Task An_exception_from_the_function_becomes_problem_json_unwrapped_as_in_the_runner()
    {
        var context = new TestFunctionContext("ListIncidents", new() { ["pageId"] = "acme" }, _services);

        var answer = await _middleware.RunAsync(context, Http("/api/v1/pages/acme/incidents", $"OAuth {Key}"), _ => throw new AggregateException(new StatusComms.Common.ConcurrencyConflictException("changed meanwhile")));

        var problem = Assert.IsType<JsonResult>(answer);
        Assert.Equal(409, problem.StatusCode);
        Assert.Equal("changed meanwhile", Assert.IsType<ProblemDetails>(problem.Value).Detail);
    }

    [Fact]
    public void Every_http_function_is_in_the_catalog_under_the_name_the_host_invokes_it_by()
    {
        foreach (var method in typeof(ApiGate).Assembly.GetExportedTypes().SelectMany(t => t.GetMethods()).Where(m => m.GetParameters().Any(p => p.GetCustomAttributes(typeof(HttpTriggerAttribute), false).Length > 0)))
        {
            var name = ((FunctionAttribute)method.GetCustomAttributes(typeof(FunctionAttribute), false).Single()).Name;
            Assert.NotNull(FunctionCatalog.Find(name));
        }
    }

    [Fact]
    public void Host_json_sets_no_route_prefix_because_every_route_is_written_whole()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));
        Assert.Equal(string.Empty, hostJson.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.All(FunctionCatalog.All.Where(f => f.Trigger == FunctionTrigger.Http), f => Assert.True(
            Routes.IsManagement(f.Target) || Routes.IsConsole(f.Target) || f.Target!.StartsWith("api/public/", StringComparison.Ordinal) || f.Target.StartsWith("admin/", StringComparison.Ordinal),
            $"{f.Name}: {f.Target} is under none of api/v1, console, api/public"));
    }

    [Fact]
    public void Without_the_queue_prefix_the_app_refuses_to_start_naming_it_as_the_Functions_host_would()
    {
        // The Functions host reads app settings with no defaults; only the local runner supplies its own.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StatusComms:ApiKey"] = Key,
            ["StatusComms:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddStatusComms(configuration);
        using var provider = services.BuildServiceProvider();

        var refused = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<StatusCommsOptions>>().Value);

        Assert.Contains(refused.Failures, f => f.StartsWith("StatusCommsQueuePrefix is not set", StringComparison.Ordinal));
        Assert.Throws<InvalidOperationException>(() => StatusComms.LocalRunner.QueueListener.Resolve(StatusComms.Functions.Notifications.QueueNames.Updates, configuration));
    }

    public void Dispose() => _services.Dispose();

    private static DefaultHttpContext Http(string path, string? authorization = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return context;
    }

    private sealed class TestFunctionContext(string name, Dictionary<string, object?> bindingData, IServiceProvider services) : FunctionContext
    {
        public override string InvocationId { get; } = Guid.NewGuid().ToString();

        public override string FunctionId { get; } = name;

        public override TraceContext TraceContext => null!;

        public override BindingContext BindingContext { get; } = new TestBindingContext(bindingData);

        public override RetryContext RetryContext => null!;

        public override IServiceProvider InstanceServices { get; set; } = services;

        public override FunctionDefinition FunctionDefinition { get; } = new TestFunctionDefinition(name);

        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

        public override IInvocationFeatures Features => null!;
    }

    private sealed class TestBindingContext(IReadOnlyDictionary<string, object?> data) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData { get; } = data;
    }

    private sealed class TestFunctionDefinition(string name) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];

        public override string PathToAssembly => typeof(ApiGate).Assembly.Location;

        public override string EntryPoint => name;

        public override string Id => name;

        public override string Name => name;

        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;

        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }
}
