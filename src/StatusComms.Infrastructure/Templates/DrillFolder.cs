using StatusComms.Drills;

namespace StatusComms.Infrastructure.Templates;

/// <summary>Reads every <c>*.md</c> drill script in a folder (the README aside); one that does not parse stops the load, naming its file and line.</summary>
public static class DrillFolder
{
    public static DrillLibrary Load(string folder, Func<string, bool> playbookExists)
        => new(PlaybookFolder.ReadAll(folder, "drill scripts", (id, text) => DrillScriptParser.Parse(id, text, playbookExists)));
}
