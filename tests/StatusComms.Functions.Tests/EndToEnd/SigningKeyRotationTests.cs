using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using StatusComms.Subscriptions;

namespace StatusComms.Functions.Tests.EndToEnd;

/// <summary>
/// The signing key rotates (new key in SigningKey, the old one in PreviousSigningKeys): an unsubscribe link mailed
/// before still works, and the person subscribing again is found again, not made a second subscriber.
/// </summary>
public sealed class SigningKeyRotationTests
{
    private static readonly string OldKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string NewKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task After_a_rotation_old_links_work_and_nobody_becomes_two_subscribers()
    {
        await using var before = await RunnerHost.StartAsync(null, $"--StatusComms:Subscriptions:SigningKey={OldKey}");
        var id = await before.SubscribeConfirmedAsync("ada@example.com");
        var unsubscribe = before.Services.GetRequiredService<SubscriptionTokens>().Create(TokenPurpose.Unsubscribe, id, DateTimeOffset.UtcNow);
        string[] sameStorage = [$"--StatusComms:Storage:TableName={before.SiteContainer}", $"--StatusComms:Storage:SiteContainer={before.SiteContainer}"];

        await using var rotated = await RunnerHost.StartAsync(null, [$"--StatusComms:Subscriptions:SigningKey={NewKey}", $"--StatusComms:Subscriptions:PreviousSigningKeys={OldKey}", .. sameStorage]);
        var again = await rotated.Anonymous.PostAsync("api/public/subscriptions", new FormUrlEncodedContent([new("email", "Ada@Example.com")]));
        Assert.True(again.IsSuccessStatusCode, $"{(int)again.StatusCode}");
        var subscribers = (await rotated.GetJsonAsync(RunnerHost.Api("subscribers?state=all")))!.AsArray();
        Assert.Equal(id, (string)Assert.Single(subscribers, s => (string?)s!["email"] == "ada@example.com")!["id"]!);

        var oneClick = await rotated.Anonymous.PostAsync($"api/public/subscriptions/unsubscribe?token={unsubscribe}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Equal("unsubscribed", (string?)(await rotated.GetJsonAsync(RunnerHost.Api($"subscribers/{id}")))!["status"]);

        // A key taken out of the ring no longer verifies anything.
        await using var forgotten = await RunnerHost.StartAsync(null, [$"--StatusComms:Subscriptions:SigningKey={NewKey}", .. sameStorage]);
        var refused = await forgotten.Anonymous.PostAsync($"api/public/subscriptions/unsubscribe?token={unsubscribe}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }
}
