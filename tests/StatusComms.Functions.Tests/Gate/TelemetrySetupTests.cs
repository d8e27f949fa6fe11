using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using StatusComms.Functions.Hosting;
using StatusComms.Functions.Http;

namespace StatusComms.Functions.Tests.Gate;

/// <summary>Telemetry to Application Insights is wired exactly when its connection string is set, and no credential in a URL leaves with it.</summary>
public sealed class TelemetrySetupTests
{
    [Fact]
    public void With_a_connection_string_the_apps_source_is_traced_and_without_one_nothing_is_registered()
    {
        var with = new ServiceCollection().AddLogging();
        var configured = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [TelemetrySetup.ConnectionStringSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/" }).Build();
        Assert.True(with.AddStatusCommsTelemetry(configured));
        using (var provider = with.BuildServiceProvider())
        {
            Assert.NotNull(provider.GetService<TracerProvider>());
            using var span = StatusComms.Common.StatusCommsTelemetry.Traces.StartActivity("publish");
            Assert.NotNull(span); // a listener (the OpenTelemetry SDK) samples the app's source
        }

        var without = new ServiceCollection().AddLogging();
        Assert.False(without.AddStatusCommsTelemetry(new ConfigurationBuilder().Build()));
        using var plain = without.BuildServiceProvider();
        Assert.Null(plain.GetService<TracerProvider>());
    }

    [Theory]
    [InlineData("https://x.azurewebsites.net/api/public/subscriptions/unsubscribe?token=abc.def&x=1", "https://x.azurewebsites.net/api/public/subscriptions/unsubscribe?token=***&x=1")]
    [InlineData("token=abc&sig=zz", "token=***&sig=***")]
    [InlineData("https://api.sendgrid.com/v3/mail/send", "https://api.sendgrid.com/v3/mail/send")]
    [InlineData("/api/public/subscriptions/manage?id=1&Signature=s", "/api/public/subscriptions/manage?id=1&Signature=***")]
    public void Credentials_in_a_urls_query_are_redacted(string url, string expected)
        => Assert.Equal(expected, LogSafe.Url(url));

    [Fact]
    public void A_spans_url_tags_are_redacted_before_export()
    {
        using var span = new Activity("GET");
        span.SetTag("url.full", "https://x.test/api/public/subscriptions/confirm?token=secret-value");
        span.SetTag("url.query", "token=secret-value");

        new RedactCredentials().OnEnd(span);

        Assert.Equal("https://x.test/api/public/subscriptions/confirm?token=***", span.GetTagItem("url.full"));
        Assert.Equal("token=***", span.GetTagItem("url.query"));
    }
}
