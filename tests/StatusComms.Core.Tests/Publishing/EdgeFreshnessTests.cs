using StatusComms.Publishing;

namespace StatusComms.Core.Tests.Publishing;

/// <summary>Issue #16's target: behind the CDN a customer sees an update at most 10 s after it is accepted.</summary>
public class EdgeFreshnessTests
{
    private static readonly TimeSpan Publish = TimeSpan.FromMilliseconds(100); // above the benchmarks' publish p99

    [Fact]
    public void The_current_policy_gets_an_update_to_a_customer_behind_the_cdn_within_10_seconds()
    {
        var withAge = EdgeFreshness.Simulate(CachePolicy.Current, Publish, edgeSendsAge: true);
        var withoutAge = EdgeFreshness.Simulate(CachePolicy.Current, Publish, edgeSendsAge: false);

        Assert.True(withAge.Worst <= TimeSpan.FromSeconds(5.1), $"{withAge}");
        Assert.True(withoutAge.Worst <= TimeSpan.FromSeconds(10), $"{withoutAge}");
        Assert.True(withoutAge.Worst > TimeSpan.FromSeconds(8.5), "the simulation reaches the bound it claims (5 s at the edge, then 4 s in the browser)");
    }

    [Fact]
    public void The_policy_before_it_missed_the_target()
    {
        var before = EdgeFreshness.Simulate("public, max-age=30, stale-while-revalidate=30", Publish, edgeSendsAge: true);

        Assert.True(before.Worst > TimeSpan.FromSeconds(25), $"{before}");
    }

    [Theory]
    [InlineData("public, max-age=5, s-maxage=5", 5, 5)]
    [InlineData("public, max-age=300", 300, 300)]
    [InlineData("public, s-maxage=60, max-age=10", 60, 10)]
    [InlineData("no-store", 0, 0)]
    public void Lifetimes_are_read_from_the_directives(string policy, double edge, double browser)
        => Assert.Equal((edge, browser), EdgeFreshness.Lifetimes(policy));
}
