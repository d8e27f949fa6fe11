using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StatusComms.CommsConsole;
using StatusComms.Functions.Hosting;

namespace StatusComms.Functions.Console;

/// <summary>
/// GET/POST console/sign-in and POST console/sign-out. A person signs in with the API key and their name and gets a
/// session cookie (HttpOnly, SameSite=Strict, Secure over HTTPS, signed, expiring); the key is posted, never put in
/// a URL. The sign-in form's own anti-forgery token is bound to a short-lived cookie.
/// </summary>
public sealed class SignIn(ConsoleSessions sessions, ConsoleChromeFactory chrome, IConsoleRenderer renderer, IOptions<StatusCommsOptions> options)
{
    private readonly byte[] _apiKey = Encoding.UTF8.GetBytes(options.Value.ApiKey);

    [Function("ConsoleSignIn")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = Routes.ConsoleSignIn)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (HttpMethods.IsGet(request.Method))
        {
            if (sessions.Read(request.Cookies[ConsoleSessions.SecureCookie] ?? request.Cookies[ConsoleSessions.PlainCookie]) is not null)
            {
                return ConsoleHttp.SeeOther(request, ConsoleHttp.LocalReturn(request.Query["return"].FirstOrDefault()) ?? "/console/");
            }

            return await FormAsync(request, ConsoleHttp.LocalReturn(request.Query["return"].FirstOrDefault()), null, null, request.Query.ContainsKey("signed-out"), StatusCodes.Status200OK, cancellationToken);
        }

        var form = await ConsoleHttp.ReadFormAsync(request, cancellationToken);
        var returnTo = ConsoleHttp.LocalReturn(ConsoleHttp.Value(form, "return"));
        var name = ConsoleSessions.CleanName(ConsoleHttp.Value(form, "name"));
        var binding = request.Cookies[ConsoleSessions.SignInCookie];
        if (binding is null || !sessions.IsValidAntiForgery("sign-in\n" + binding, ConsoleHttp.Value(form, "_csrf")))
        {
            return await FormAsync(request, returnTo, "The sign-in form had expired or did not come from this page. Sign in again.", name, false, StatusCodes.Status403Forbidden, cancellationToken);
        }

        var key = ConsoleHttp.Value(form, "key") ?? string.Empty;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), _apiKey))
        {
            return await FormAsync(request, returnTo, "That API key is not this page's key.", name, false, StatusCodes.Status401Unauthorized, cancellationToken);
        }

        if (name is null)
        {
            return await FormAsync(request, returnTo, $"Give your name (up to {ConsoleSessions.MaxNameLength} characters): it signs every update you post.", null, false, StatusCodes.Status422UnprocessableEntity, cancellationToken);
        }

        var (cookie, user) = sessions.Issue(name);
        var secure = ConsoleHttp.IsHttps(request);
        request.HttpContext.Response.Cookies.Append(secure ? ConsoleSessions.SecureCookie : ConsoleSessions.PlainCookie, cookie, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = secure,
            Path = "/",
            Expires = user.ExpiresAt,
            IsEssential = true,
        });
        request.HttpContext.Response.Cookies.Delete(ConsoleSessions.SignInCookie, new CookieOptions { Path = ConsoleGate.SignInPath, Secure = secure, SameSite = SameSiteMode.Strict, HttpOnly = true });
        return ConsoleHttp.SeeOther(request, returnTo ?? "/console/");
    }

    [Function("ConsoleSignOut")]
#pragma warning disable CA1822 // The function catalog (and the local runner) host instance methods, as the Functions host does.
    public IActionResult SignOut([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ConsoleSignOut)] HttpRequest request)
    {
        foreach (var name in (string[])[ConsoleSessions.SecureCookie, ConsoleSessions.PlainCookie])
        {
            request.HttpContext.Response.Cookies.Delete(name, new CookieOptions { Path = "/", Secure = name == ConsoleSessions.SecureCookie || ConsoleHttp.IsHttps(request), HttpOnly = true, SameSite = SameSiteMode.Strict });
        }

        // Signed out of a drill too: a cookie for the next session would be ignored anyway (it is bound to this one).
        DrillCookie.Leave(request);

        return ConsoleHttp.SeeOther(request, ConsoleGate.SignInPath + "?signed-out=1");
    }
#pragma warning restore CA1822

    private async Task<IActionResult> FormAsync(HttpRequest request, string? returnTo, string? error, string? name, bool signedOut, int status, CancellationToken cancellationToken)
    {
        var binding = RandomNumberGenerator.GetHexString(32, lowercase: true);
        request.HttpContext.Response.Cookies.Append(ConsoleSessions.SignInCookie, binding, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = ConsoleHttp.IsHttps(request),
            Path = ConsoleGate.SignInPath,
            MaxAge = TimeSpan.FromMinutes(30),
            IsEssential = true,
        });
        var html = await renderer.RenderAsync("SignIn", new SignInView(chrome.ForSignIn(binding), returnTo, error, name, signedOut), cancellationToken);
        return ConsoleHttp.Page(request, html, status);
    }
}
