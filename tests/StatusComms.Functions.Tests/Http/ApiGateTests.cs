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
        => Assert.Null(await _gate.AdmitAsync(Request("/index.html")));

    [Fact]
    public async Task The_right_key_admits_the_caller_as_api()
    {
        var context = Request("/api/v1/pages/acme/incidents", $"OAuth {Key}");

        Assert.Null(await _gate.AdmitAsync(context));
        Assert.Equal("api", Caller.NameOf(context.Request));
    }

    [Theory]
    [InlineData(null, 401)]
    [InlineData("OAuth wrong-key-wrong-key", 401)]
    [InlineData("Basic dXNlcjpwYXNz", 401)]
    public async Task Without_the_right_key_the_answer_is_401(string? authorization, int status)
    {
        var refusal = Assert.IsType<JsonResult>(await _gate.AdmitAsync(Request("/api/v1/pages/acme/incidents", authorization)));

        Assert.Equal(status, refusal.StatusCode);
        Assert.Equal(Problems.ContentType, refusal.ContentType);
    }

    [Fact]
    public async Task Another_page_is_404()
    {
        var refusal = Assert.IsType<JsonResult>(await _gate.AdmitAsync(Request("/api/v1/pages/other/incidents", $"OAuth {Key}")));

        Assert.Equal(404, refusal.StatusCode);
    }

    [Fact]
    public async Task An_id_outside_the_id_alphabet_is_404_before_any_storage_is_asked()
    {
        var refusal = Assert.IsType<JsonResult>(await _gate.AdmitAsync(Request("/api/v1/pages/acme/incidents/a~b", $"OAuth {Key}")));

        Assert.Equal(404, refusal.StatusCode);
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
