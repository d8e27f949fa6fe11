using System.Reflection;
using Microsoft.Extensions.Primitives;
using RazorLight;
using RazorLight.Caching;
using RazorLight.Compilation;
using RazorLight.Generation;

namespace StatusComms.Infrastructure.Templates;

/// <summary>
/// The one way every renderer gets its RazorLight engine. Compiled templates are kept on disk and loaded at the next
/// start instead of compiled again, so a process that finds them never loads the compiler: in the app's own
/// <c>compiled-templates</c> folder (filled at publish by <c>--compile-templates</c>, so an Azure instance starts
/// with them), or only in memory when that folder is neither filled nor writable. Never in a shared temporary folder:
/// code loaded from there could have been put there by someone else. A compiled template is found by the
/// hash of its file and key, under a folder named for this build (the assemblies its code is compiled against), so
/// a changed template or a new build is compiled afresh and never runs code compiled for another.
/// </summary>
public static class TemplateEngine
{
    /// <summary>The folder beside the app that a publish fills with the compiled templates.</summary>
    public const string CompiledFolderName = "compiled-templates";

    private static readonly Lazy<string> Build = new(() => string.Join('-', new[] { typeof(TemplateEngine), typeof(StatusComms.StatusPage.SiteViewBuilder), typeof(RazorLightEngine) }
        .Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N")[..8])));

    /// <param name="root">The folder of one set of templates (templates/site, templates/email, …).</param>
    /// <param name="encode">HTML-encode what the templates write (false for plain text).</param>
    public static RazorLightEngine For(string root, bool encode = true)
    {
        var builder = new RazorLightEngineBuilder().UseFileSystemProject(root);
        builder = CacheFolderFor(root) is { } folder
            ? builder.UseCachingProvider(new CompiledTemplateCache(root, folder))
            : builder.UseMemoryCachingProvider();
        return (encode ? builder : builder.DisableEncoding()).Build();
    }

    /// <summary>
    /// Compiles every template under <paramref name="templatesRoot"/> (site, email, console, messages, subscriptions)
    /// into the compiled-templates folder beside it, as a publish does: an instance started from that folder
    /// compiles nothing. Returns how many templates were compiled or found compiled.
    /// </summary>
    public static async Task<int> CompileAllAsync(string templatesRoot)
    {
        var count = 0;
        foreach (var root in Directory.EnumerateDirectories(templatesRoot).Order(StringComparer.Ordinal))
        {
            var templates = Directory.EnumerateFiles(root, "*.cshtml", SearchOption.AllDirectories).ToArray();
            if (templates.Length == 0)
            {
                continue;
            }

            var engine = For(root);
            await Parallel.ForEachAsync(templates, async (file, _) => await engine.CompileTemplateAsync(Path.GetRelativePath(root, file).Replace('\\', '/')));
            count += templates.Length;
        }

        return count;
    }

    /// <summary>Where the compiled templates of <paramref name="root"/> are kept for this build, beside the app's templates; null when that folder is neither filled nor writable.</summary>
    public static string? CacheFolderFor(string root)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(root));
        var folder = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(root)) ?? root, "..", CompiledFolderName, Build.Value, name));
        return HasAll(folder, root) || CanWrite(folder) ? folder : null;
    }

    /// <summary>A published app's folder is read-only in Azure, but holds every template already.</summary>
    private static bool HasAll(string folder, string root)
        => Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.dll").Count() >= Directory.EnumerateFiles(root, "*.cshtml", SearchOption.AllDirectories).Count();

    private static bool CanWrite(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".probe-{Environment.ProcessId}");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Compiled templates in memory and on disk, named by the SHA-256 of the template's key and text. A file is
    /// written under a temporary name and moved into place, so a process never loads half of one; a file that
    /// cannot be written or loaded is as if it were not there, and the template is compiled.
    /// </summary>
    private sealed class CompiledTemplateCache(string root, string folder) : ICachingProvider, IPrecompileCallback
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Func<ITemplatePage>> _loaded = new(StringComparer.Ordinal);

        public TemplateCacheLookupResult RetrieveTemplate(string key)
        {
            if (_loaded.TryGetValue(key, out var factory))
            {
                return new TemplateCacheLookupResult(new TemplateCacheItem(key, factory));
            }

            try
            {
                if (PathOf(key) is { } path && File.Exists(path))
                {
                    var type = Assembly.Load(File.ReadAllBytes(path)).GetCustomAttribute<RazorLight.Razor.RazorLightTemplateAttribute>()?.TemplateType;
                    if (type is not null)
                    {
                        factory = _loaded.GetOrAdd(key, _ => () => (ITemplatePage)Activator.CreateInstance(type)!);
                        return new TemplateCacheLookupResult(new TemplateCacheItem(key, factory));
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or BadImageFormatException)
            {
                // Compiled again below RazorLight.
            }

            return new TemplateCacheLookupResult();
        }

        public void CacheTemplate(string key, Func<ITemplatePage> pageFactory, IChangeToken expirationToken) => _loaded[key] = pageFactory;

        public bool Contains(string key) => RetrieveTemplate(key).Success;

        public void Remove(string key) => _loaded.TryRemove(key, out _);

        public void Invoke(IGeneratedRazorTemplate generatedRazorTemplate, byte[] rawAssembly, byte[] rawSymbolStore)
        {
            try
            {
                if (PathOf(generatedRazorTemplate.TemplateKey) is not { } path)
                {
                    return;
                }

                var written = $"{path}.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp";
                File.WriteAllBytes(written, rawAssembly);
                File.Move(written, path, overwrite: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Not kept on disk: compiled again at the next start.
            }
        }

        /// <summary>The compiled file of the template with this key, or null when the template has no file.</summary>
        private string? PathOf(string key)
        {
            var normalized = RazorLight.Razor.FileSystemRazorProjectHelper.NormalizeKey(key);
            var source = Path.Combine(root, normalized.TrimStart('/'));
            if (!File.Exists(source))
            {
                return null;
            }

            var hash = System.Security.Cryptography.SHA256.HashData([.. System.Text.Encoding.UTF8.GetBytes(normalized + "\n"), .. File.ReadAllBytes(source)]);
            return Path.Combine(folder, Convert.ToHexStringLower(hash)[..32] + ".dll");
        }
    }
}
