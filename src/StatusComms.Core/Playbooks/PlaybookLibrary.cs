namespace StatusComms.Playbooks;

/// <summary>The team's playbooks, as loaded at start from <c>templates/playbooks/</c>.</summary>
public sealed class PlaybookLibrary(IReadOnlyList<Playbook> playbooks)
{
    public IReadOnlyList<Playbook> All { get; } = [.. playbooks.OrderBy(p => p.Title, StringComparer.Ordinal)];

    public Playbook? Find(string id) => All.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));
}
