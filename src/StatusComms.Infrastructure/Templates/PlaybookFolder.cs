using StatusComms.Playbooks;

namespace StatusComms.Infrastructure.Templates;

/// <summary>Reads every <c>*.md</c> playbook in a folder (the README aside); one that does not parse stops the load, naming its file and line.</summary>
public static class PlaybookFolder
{
    public static PlaybookLibrary Load(string folder, Func<string, bool> messageExists)
        => new(ReadAll(folder, "playbooks", (id, text) => PlaybookParser.Parse(id, text, messageExists)));

    /// <summary>Each <c>*.md</c> file of the folder but its README, in name order, read by <paramref name="parse"/> (its id is the file's name).</summary>
    internal static T[] ReadAll<T>(string folder, string what, Func<string, string, T> parse)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The {what} are missing: {folder} does not exist.");
        }

        return Directory.EnumerateFiles(folder, "*.md")
            .Where(path => !Path.GetFileName(path).Equals("README.md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(path => parse(Path.GetFileNameWithoutExtension(path), File.ReadAllText(path)))
            .ToArray();
    }
}
