using StatusComms.Drills;

namespace StatusComms.Infrastructure.Templates;

/// <summary>Reads every <c>*.md</c> drill script in a folder (the README aside); one that does not parse stops the load, naming its file and line.</summary>
public static class DrillFolder
{
    public static DrillLibrary Load(string folder, Func<string, bool> playbookExists)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The drill scripts are missing: {folder} does not exist.");
        }

        return new DrillLibrary(Directory.EnumerateFiles(folder, "*.md")
            .Where(path => !Path.GetFileName(path).Equals("README.md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(path => DrillScriptParser.Parse(Path.GetFileNameWithoutExtension(path), File.ReadAllText(path), playbookExists))
            .ToArray());
    }
}
