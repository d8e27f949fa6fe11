using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using StatusComms.CommsConsole;
using StatusComms.Functions.Hosting;
using StatusComms.Publishing;

namespace StatusComms.Functions.Console;

/// <summary>What the console's functions share: the signed-in person, form bodies, strict HTML answers, redirects.</summary>
public static class ConsoleHttp
{
    /// <summary>A compose form with a 10,000-character message and a few hundred components fits easily.</summary>
    public const int MaxFormBytes = 256 * 1024;

    /// <summary>Console pages: scripts and styles from this app only, never framed, cached or referred.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'";

    private const string UserKey = "statuscomms.console.user";
    private const string DrillKey = "statuscomms.console.drill";

    public static ConsoleUser? UserOf(HttpContext context) => context.Items.TryGetValue(UserKey, out var user) ? user as ConsoleUser : null;

    internal static void SetUser(HttpContext context, ConsoleUser user) => context.Items[UserKey] = user;

    /// <summary>The running drill this session works in, if it joined one.</summary>
    public static StatusComms.Drills.Drill? DrillOf(HttpContext context) => context.Items.TryGetValue(DrillKey, out var drill) ? drill as StatusComms.Drills.Drill : null;

    internal static void SetDrill(HttpContext context, StatusComms.Drills.Drill drill) => context.Items[DrillKey] = drill;

    public static async Task<IFormCollection> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return FormCollection.Empty;
        }

        return await PublicHttp.ReadFormAsync(request, MaxFormBytes, 2000, cancellationToken);
    }

    public static string? Value(IFormCollection form, string name)
        => form.TryGetValue(name, out var value) && value.Count > 0 ? value[^1] : null;

    /// <summary>A text field as typed, line ends as <c>\n</c> (browsers post <c>\r\n</c>); "" when absent.</summary>
    public static string Text(IFormCollection form, string name) => (Value(form, name) ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>Why a message should go out despite the candor check's errors, trimmed; null when none was given.</summary>
    public static string? OverrideReason(IFormCollection form) => Value(form, "override_reason") is { } reason && !string.IsNullOrWhiteSpace(reason) ? reason.Trim() : null;

    /// <summary>What the comms lead typed into a pre-written message's blanks (fields <c>f.{name}</c>), trimmed, empty ones left out.</summary>
    public static Dictionary<string, string> TemplateFields(IFormCollection posted)
        => StatusComms.Messages.MessageContext.FieldDescriptions.Keys
            .Select(name => (name, value: Value(posted, "f." + name)))
            .Where(f => !string.IsNullOrWhiteSpace(f.value))
            .ToDictionary(f => f.name, f => f.value!.Trim(), StringComparer.Ordinal);

    /// <summary>HTTPS as the browser sees it: Azure's front ends terminate TLS and say so in X-Forwarded-Proto. Every console cookie is then Secure.</summary>
    public static bool IsHttps(HttpRequest request)
        => request.IsHttps || string.Equals(request.Headers["X-Forwarded-Proto"].FirstOrDefault(), "https", StringComparison.OrdinalIgnoreCase);

    public static ContentResult Page(HttpRequest request, string html, int status = StatusCodes.Status200OK)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Content-Type-Options"] = "nosniff";
        headers["X-Frame-Options"] = "DENY";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return new ContentResult { Content = html, ContentType = "text/html; charset=utf-8", StatusCode = status };
    }

    /// <summary>Redirect after a POST (or to sign in): the browser GETs <paramref name="location"/>.</summary>
    public static IActionResult SeeOther(HttpRequest request, string location)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return new SeeOtherResult(location);
    }

    /// <summary>A local console path to return to after sign-in, or null for anything else (no open redirect).</summary>
    public static string? LocalReturn(string? path)
        => path is { Length: > 0 and < 2000 } p && p.StartsWith("/console", StringComparison.Ordinal) && !p.StartsWith("//", StringComparison.Ordinal) && !p.Contains('\\', StringComparison.Ordinal) && !p.Any(char.IsControl)
            ? p
            : null;

    private sealed class SeeOtherResult(string location) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            context.HttpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.HttpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}

/// <summary>
/// The console's static files under /console/assets/, each named by its content's hash (cached for a year): its own
/// stylesheet and script, and the site's stylesheet for the previews.
/// </summary>
public sealed class ConsoleAssets
{
    private readonly Dictionary<string, StaticAsset> _byName = new(StringComparer.Ordinal);

    public ConsoleAssets(IConsoleRenderer renderer, SitePublisher site)
    {
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var asset in renderer.StaticAssets)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(asset.Content.Span))[..12];
            var name = $"{Path.GetFileNameWithoutExtension(asset.Name)}.{hash}{Path.GetExtension(asset.Name)}";
            _byName[name] = asset with { Name = name };
            links[asset.Name] = ConsoleService.AssetRoot + name;
        }

        foreach (var artifact in site.Assets)
        {
            var name = artifact.Path[(artifact.Path.LastIndexOf('/') + 1)..];
            _byName[name] = new StaticAsset(name, artifact.Content, artifact.ContentType);
        }

        Links = new ConsoleAssetLinks(links.GetValueOrDefault("console.css", string.Empty), links.GetValueOrDefault("console.js", string.Empty));
    }

    public ConsoleAssetLinks Links { get; }

    public StaticAsset? Find(string name) => _byName.GetValueOrDefault(name);
}

/// <summary>
/// The note a screen shows after a redirect ("Saved."): carried in the query with a tag signed for the session, so
/// a link from elsewhere cannot make the console say something it did not.
/// </summary>
public sealed class ConsoleNotices(ConsoleSessions sessions)
{
    public const int MaxLength = 300;

    /// <summary>303 to <paramref name="path"/> (no query of its own), which will show <paramref name="notice"/>.</summary>
    public IActionResult Redirect(HttpRequest request, string path, string notice)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = notice.Length > MaxLength ? notice[..MaxLength] : notice;
        var session = ConsoleHttp.UserOf(request.HttpContext)?.SessionId ?? string.Empty;
        return ConsoleHttp.SeeOther(request, $"{path}?done={Uri.EscapeDataString(text)}&tag={sessions.NoticeTag(session, text)}");
    }

    /// <summary>The note this request's query carries, if this app wrote it for this session.</summary>
    public string? Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = request.Query["done"].FirstOrDefault();
        var session = ConsoleHttp.UserOf(request.HttpContext)?.SessionId;
        return text is { Length: > 0 and <= MaxLength } && session is not null && sessions.IsValidNotice(session, text, request.Query["tag"].FirstOrDefault()) ? text : null;
    }
}

/// <summary>Builds each page's chrome for the person signed in.</summary>
public sealed class ConsoleChromeFactory(ConsoleAssets assets, ConsoleSessions sessions, PageSettings page)
{
    public ConsoleChrome For(HttpContext context, ConsoleSection section)
    {
        var user = ConsoleHttp.UserOf(context);
        return new ConsoleChrome(page.Name, page.Url, user?.Name, user is null ? string.Empty : sessions.AntiForgery(user.SessionId), assets.Links, section)
        {
            Drill = ConsoleHttp.DrillOf(context) is { } drill ? new DrillBanner(drill.Id, drill.Script.Title, drill.SandboxUrl(page.RealUrl)) : null,
        };
    }

    public ConsoleChrome ForSignIn(string binding) => new(page.Name, page.Url, null, sessions.AntiForgery("sign-in\n" + binding), assets.Links, ConsoleSection.SignIn);
}
