using StatusComms.Publishing;

namespace StatusComms.Infrastructure.Templates;

/// <summary>The static files beside a set of templates (templates/site/assets, templates/console/assets).</summary>
internal static class TemplateAssets
{
    /// <summary>Every file in <paramref name="folder"/>, in name order, with its content type; none when it is absent.</summary>
    public static StaticAsset[] Load(string folder)
        => !Directory.Exists(folder)
            ? []
            : Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal).Select(path => new StaticAsset(
                Path.GetFileName(path),
                File.ReadAllBytes(path),
                Path.GetExtension(path) switch
                {
                    ".css" => "text/css; charset=utf-8",
                    ".svg" => "image/svg+xml",
                    ".js" => "text/javascript; charset=utf-8",
                    ".ico" => "image/x-icon",
                    _ => "application/octet-stream",
                })).ToArray();
}
