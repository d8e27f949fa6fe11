using System.Net;
using System.Text;

namespace StatusComms.LocalRunner;

/// <summary>/_mail/: the .eml files in the pickup folder, newest first; /_mail/{file} shows one (open it in any mail client).</summary>
public static class PickupFolderPage
{
    public static async Task ServeAsync(HttpContext context, string folder, string? name)
    {
        if (!string.IsNullOrEmpty(name))
        {
            var file = Path.GetFileName(name);
            var path = Path.Combine(folder, file);
            if (file != name || !file.EndsWith(".eml", StringComparison.Ordinal) || !File.Exists(path))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            // text/plain so a browser shows the message source; save it to open it as mail.
            context.Response.ContentType = "text/plain; charset=utf-8";
            context.Response.Headers.ContentDisposition = $"inline; filename=\"{file}\"";
            await context.Response.SendFileAsync(path, context.RequestAborted);
            return;
        }

        var files = Directory.Exists(folder) ? new DirectoryInfo(folder).GetFiles("*.eml").OrderByDescending(f => f.LastWriteTimeUtc).ThenByDescending(f => f.Name, StringComparer.Ordinal).Take(500).ToArray() : [];
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Mail pickup folder</title></head><body><h1>Mail pickup folder</h1>");
        html.Append("<p>No SendGrid API key is configured, so mail is written here instead of sent: ").Append(WebUtility.HtmlEncode(folder)).Append("</p><ul>");
        foreach (var file in files)
        {
            html.Append("<li><a href=\"/_mail/").Append(WebUtility.UrlEncode(file.Name)).Append("\">").Append(WebUtility.HtmlEncode(file.Name)).Append("</a></li>");
        }

        html.Append(files.Length == 0 ? "<li>No mail yet.</li>" : string.Empty).Append("</ul></body></html>");
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(html.ToString(), context.RequestAborted);
    }
}
