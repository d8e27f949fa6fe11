using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StatusComms.Common;
using StatusComms.Functions.Hosting;
using StatusComms.Functions.Http;

namespace StatusComms.Functions.Tests.Http;

public class ApiGateTests
{
    private const string Key = "a-long-enough-api-key";
    private static readonly IOptions<StatusCommsOptions> Settings = Options.Create(new StatusCommsOptions { ApiKey = Key, PageId = "acme", TrustClientPrincipal = false });
    private static readonly DrillPages NoDrills = new(new ServiceCollection().BuildServiceProvider(), new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), Moq.Mock.Of<StatusComms.Drills.IDrillStore>(), TimeProvider.System);
    private readonly ApiGate _gate = new(Settings, new Console.ConsoleGate(new Console.ConsoleSessions(Settings, TimeProvider.System), NoDrills), NoDrills, NullLogger<ApiGate>.Instance);

    [Fact]
    public async Task Public_paths_need_no_key()
        => Assert.Null(await _gate.AdmitAsync(Request("/index.html"), null, NoValues));

    [Fact]
    public async Task The_right_key_admits_the_caller_as_api()
    {
        var context = Request("/api/v1/pages/acme/incidents", $"OAuth {Key}");

        Assert.Null(await _gate.AdmitAsync(context, Routes.Incidents, Page("acme")));
        Assert.Equal("api", Caller.NameOf(context.Request));
    }

    [Theory]
    [InlineData(null, 401)]
    [InlineData("OAuth wrong-key-wrong-key", 401)]
    [InlineData("Basic dXNlcjpwYXNz", 401)]
    public async Task Without_the_right_key_the_answer_is_401(string? authorization, int status)
    {
        var refusal = Assert.IsType<JsonResult>(await _gate.AdmitAsync(Request("/api/v1/pages/acme/incidents", authorization), Routes.Incidents, Page("acme")));

        Assert.Equal(status, refusal.StatusCode);
        Assert.Equal(Problems.ContentType, refusal.ContentType);
    }

    [Fact]
    public async Task Another_page_is_404()
    {
        var refusal = Assert.IsType<JsonResult>(await _gate.AdmitAsync(Request("/api/v1/pages/other/incidents", $"OAuth {Key}"), Routes.Incidents, Page("other")));

        Assert.Equal(404, refusal.StatusCode);
    }

    [Fact]
    public async Task An_id_outside_the_id_alphabet_is_404_before_any_storage_is_asked()
    {
        var refusal = Assert.IsType<JsonResult>(await _gate.AdmitAsync(Request("/api/v1/pages/acme/incidents/a~b", $"OAuth {Key}"), Routes.Incidents + "/{incidentId}", new Dictionary<string, object?> { ["pageId"] = "acme", ["incidentId"] = "a~b" }));

        Assert.Equal(404, refusal.StatusCode);
    }

    [Theory]
    [InlineData("/prefixed/api/v1/pages/acme/incidents")]
    [InlineData("/api/public/../v1/pages/acme/incidents")]
    [InlineData("/index.html")]
    public async Task The_management_api_is_known_by_its_route_template_whatever_the_path(string path)
    {
        // A route prefix in host.json, or a path that does not look like the management API: still its gate.
        var refusal = Assert.IsType<JsonResult>(await _gate.AdmitAsync(Request(path), Routes.Incidents, Page("acme")));

        Assert.Equal(401, refusal.StatusCode);
    }

    [Fact]
    public async Task A_public_route_needs_no_key_even_under_a_management_looking_path()
        => Assert.Null(await _gate.AdmitAsync(Request("/api/v1/pages/acme/incidents"), Routes.PublicSubscriptions, NoValues));

    [Fact]
    public async Task The_fallbacks_path_is_held_to_the_same_page_and_ids()
    {
        var otherPage = Assert.IsType<JsonResult>(await _gate.AdmitAsync(Request("/api/v1/pages/other/incidents.json", $"OAuth {Key}"), Routes.ManagementFallback, new Dictionary<string, object?> { ["rest"] = "pages/other/incidents.json" }));
        var badId = Assert.IsType<JsonResult>(await _gate.AdmitAsync(Request("/api/v1/pages/acme/incidents/a~b.json", $"OAuth {Key}"), Routes.ManagementFallback, new Dictionary<string, object?> { ["rest"] = "pages/acme/incidents/a~b.json" }));

        Assert.Equal(404, otherPage.StatusCode);
        Assert.Equal(404, badId.StatusCode);
        Assert.Null(await _gate.AdmitAsync(Request("/api/v1/pages/acme/incidents.json", $"OAuth {Key}"), Routes.ManagementFallback, new Dictionary<string, object?> { ["rest"] = "pages/acme/incidents.json" }));
    }

    [Fact]
    public void An_exception_is_unwrapped_the_same_way_for_both_hosts()
    {
        var wrapped = new System.Reflection.TargetInvocationException(new AggregateException(new DomainRuleException("a rule")));

        var problem = Assert.IsType<JsonResult>(_gate.ToProblem(wrapped, Request("/api/v1/pages/acme/incidents")));

        Assert.Equal(422, problem.StatusCode);
        Assert.Equal("a rule", Assert.IsType<ProblemDetails>(problem.Value).Detail);
    }

    [Theory]
    [InlineData(typeof(DomainRuleException), 422)]
    [InlineData(typeof(ConcurrencyConflictException), 409)]
    [InlineData(typeof(InvalidOperationException), 500)]
    public void Exceptions_become_problems_with_the_matching_status(Type type, int status)
    {
        var exception = (Exception)Activator.CreateInstance(type, "what went wrong")!;

        var problem = Assert.IsType<JsonResult>(_gate.ToProblem(exception, Request("/api/v1/pages/acme/incidents")));

        Assert.Equal(status, problem.StatusCode);
        var details = Assert.IsType<ProblemDetails>(problem.Value);
        if (status < 500)
        {
            Assert.Equal("what went wrong", details.Detail);
        }
        else
        {
            Assert.DoesNotContain("what went wrong", details.Detail, StringComparison.Ordinal);
        }
    }

    private static readonly IReadOnlyDictionary<string, object?> NoValues = new Dictionary<string, object?>();

    private static Dictionary<string, object?> Page(string id) => new() { ["pageId"] = id };

    private static DefaultHttpContext Request(string path, string? authorization = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return context;
    }
}
