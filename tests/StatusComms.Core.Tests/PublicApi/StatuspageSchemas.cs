using System.Text.Json;
using Json.Schema;

namespace StatusComms.Core.Tests.PublicApi;

/// <summary>
/// JSON Schemas (draft 2020-12) of the eight files of Atlassian Statuspage's public status API v2
/// (<c>https://&lt;page&gt;/api/v2/…</c>), written from Statuspage's documentation and from payloads real Statuspage
/// pages publish. The schemas live in PublicApi/Schemas: one per file, all built from the shared
/// <c>statuspage-v2.defs.schema.json</c>. <see cref="Validate"/> checks a document against the schema of the file
/// it claims to be.
/// </summary>
public static class StatuspageSchemas
{
    private const string DefsFile = "statuspage-v2.defs.schema.json";

    /// <summary>The eight files, as paths under <c>/api/v2/</c>, mapped to their schema files.</summary>
    private static readonly IReadOnlyDictionary<string, string> SchemaFiles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["summary.json"] = "summary.schema.json",
        ["status.json"] = "status.schema.json",
        ["components.json"] = "components.schema.json",
        ["incidents.json"] = "incidents.schema.json",
        ["incidents/unresolved.json"] = "incidents-unresolved.schema.json",
        ["scheduled-maintenances.json"] = "scheduled-maintenances.schema.json",
        ["scheduled-maintenances/upcoming.json"] = "scheduled-maintenances-upcoming.schema.json",
        ["scheduled-maintenances/active.json"] = "scheduled-maintenances-active.schema.json",
    };

    private static readonly Lazy<IReadOnlyDictionary<string, JsonSchema>> Schemas = new(Load);

    /// <summary>The files there is a schema for, e.g. "summary.json" or "incidents/unresolved.json".</summary>
    public static IReadOnlyList<string> FileNames { get; } = [.. SchemaFiles.Keys];

    /// <summary>Where the schemas are copied to next to the test assembly.</summary>
    public static string SchemaDirectory => Path.Combine(AppContext.BaseDirectory, "PublicApi", "Schemas");

    /// <summary>
    /// Validates <paramref name="json"/> as the Statuspage v2 file <paramref name="fileName"/> ("summary.json",
    /// "incidents/unresolved.json", …). Returns one readable line per failed check, naming where in the document it
    /// failed (a JSON Pointer) and what was expected; the list is empty when the document is valid.
    /// </summary>
    public static IReadOnlyList<string> Validate(string fileName, string json)
    {
        var key = fileName.TrimStart('/');
        if (key.StartsWith("api/v2/", StringComparison.Ordinal))
        {
            key = key["api/v2/".Length..];
        }

        if (!Schemas.Value.TryGetValue(key, out var schema))
        {
            throw new ArgumentException(
                $"No Statuspage v2 schema for '{fileName}'; known files: {string.Join(", ", FileNames)}.", nameof(fileName));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return [$"(document): not JSON: {e.Message}"];
        }

        using (document)
        {
            var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
            if (results.IsValid)
            {
                return [];
            }

            var errors = new List<string>();
            Collect(results, errors);
            return errors.Count > 0 ? errors.Distinct(StringComparer.Ordinal).ToArray() : ["(root): invalid"];
        }
    }

    /// <summary>
    /// Gathers the errors of failed checks, descending only into failed nodes: a branch that failed inside an anyOf
    /// that passed, or the inside of a passing not, is no error of the document.
    /// </summary>
    private static void Collect(EvaluationResults node, List<string> errors)
    {
        var path = node.EvaluationPath.ToString();
        if (node.IsValid || path.EndsWith("/if", StringComparison.Ordinal))
        {
            // An if that fails only chooses the else branch.
            return;
        }

        var at = node.InstanceLocation.ToString();
        at = at.Length == 0 ? "(root)" : at;
        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            errors.Add($"{at}: {message} [{keyword} at {path}]");
        }

        var failedChildren = (node.Details ?? []).Where(c => !c.IsValid).ToArray();
        if (node.Errors is null && failedChildren.Length == 0)
        {
            errors.Add($"{at}: fails the schema at {path}");
        }

        foreach (var child in failedChildren)
        {
            Collect(child, errors);
        }
    }

    private static Dictionary<string, JsonSchema> Load()
    {
        var options = new BuildOptions();
        var defs = JsonSchema.FromText(File.ReadAllText(Path.Combine(SchemaDirectory, DefsFile)), options);
        if (options.SchemaRegistry.Get(defs.BaseUri) is null)
        {
            options.SchemaRegistry.Register(defs);
        }

        return SchemaFiles.ToDictionary(
            f => f.Key,
            f => JsonSchema.FromText(File.ReadAllText(Path.Combine(SchemaDirectory, f.Value)), options),
            StringComparer.Ordinal);
    }
}
