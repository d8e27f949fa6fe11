using StatusComms.Notifications;

namespace StatusComms.Drills;

/// <summary>
/// The sandbox page's mail: only the drill's participants are ever sent anything, whatever list a batch was
/// planned for, and every subject says it is a drill. The last guard behind the sandbox page's own subscribers.
/// </summary>
public sealed class ParticipantsOnlyMailSender(IMailSender inner, IEnumerable<string> participants) : IMailSender
{
    public const string SubjectPrefix = "[Drill] ";

    private readonly HashSet<string> _participants = new(participants, StringComparer.OrdinalIgnoreCase);

    public bool WritesEachRecipientOnce => inner.WritesEachRecipientOnce;

    public Task<MailSendResult> SendAsync(MailBatch mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var allowed = mail.Recipients.Where(r => _participants.Contains(r.Email)).ToArray();
        if (allowed.Length == 0)
        {
            return Task.FromResult(MailSendResult.Accepted(null));
        }

        var subject = mail.Subject.StartsWith(SubjectPrefix, StringComparison.Ordinal) ? mail.Subject : SubjectPrefix + mail.Subject;
        return inner.SendAsync(mail with { Subject = subject, Recipients = allowed }, cancellationToken);
    }
}
