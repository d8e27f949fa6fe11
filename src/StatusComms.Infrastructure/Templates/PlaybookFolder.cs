using StatusComms.Playbooks;

namespace StatusComms.Infrastructure.Templates;

/// <summary>Reads every <c>*.md</c> playbook in a folder (the README aside); one that does not parse stops the load, naming its file and line.</summary>
public static class PlaybookFolder
{
    public static PlaybookLibrary Load(string folder, Func<string, bool> messageExists)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The playbooks are missing: {folder} does not exist.");
        }

        return new PlaybookLibrary(Directory.EnumerateFiles(folder, "*.md")
            .Where(path => !Path.GetFileName(path).Equals("README.md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(path => PlaybookParser.Parse(Path.GetFileNameWithoutExtension(path), File.ReadAllText(path), messageExists))
            .ToArray());
    }
}
