using Microsoft.Extensions.Time.Testing;
using StatusComms.Infrastructure.Email;
using StatusComms.Notifications;

namespace StatusComms.Infrastructure.Tests.Email;

/// <summary>The pickup folder writes each recipient of a notification once, whatever the attempt, and one bad address holds back nobody.</summary>
public sealed class PickupFolderMailSenderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "statuscomms-pickup-" + Guid.NewGuid().ToString("N"));
    private readonly PickupFolderMailSender _sender;

    public PickupFolderMailSenderTests() => _sender = new PickupFolderMailSender(_folder, new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero)));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Sending_a_batch_again_writes_only_whom_the_first_attempt_did_not_reach()
    {
        var all = Batch(Enumerable.Range(1, 6).Select(i => $"r{i}@example.com").ToArray());
        await _sender.SendAsync(all with { Recipients = all.Recipients.Take(2).ToArray() }, CancellationToken.None); // an attempt cut short

        var again = await _sender.SendAsync(all, CancellationToken.None);

        Assert.True(_sender.WritesEachRecipientOnce);
        Assert.Equal(MailSendOutcome.Accepted, again.Outcome);
        Assert.Equal(6, Directory.GetFiles(_folder, "*.eml").Length);
        Assert.Empty(Directory.GetFiles(_folder, "*.partial"));
        await _sender.SendAsync(all, CancellationToken.None);
        Assert.Equal(6, Directory.GetFiles(_folder, "*.eml").Length);
    }

    [Fact]
    public async Task An_address_that_cannot_be_written_is_reported_and_the_others_are_sent()
    {
        var result = await _sender.SendAsync(Batch("a@example.com", "bad>@example.com", "c@example.com"), CancellationToken.None);

        Assert.Equal(MailSendOutcome.Accepted, result.Outcome);
        Assert.StartsWith("2 of 3 written; 1 could not be: An address with characters that cannot go in a header.", result.Reason, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(_folder, "*.eml").Length);
    }

    private static MailBatch Batch(params string[] emails)
        => new(
            new MailAddressee("status@acme.test", "Acme"),
            "[Acme] Investigating: exports failing",
            "Exports fail.",
            "<p>Exports fail.</p>",
            emails.Select(e => new MailRecipient(e, new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, string>())).ToArray(),
            new Dictionary<string, string> { ["sc_key"] = "inc-abc-u1", ["sc_target"] = "b0", ["sc_attempt"] = "x" },
            "incident");
}
