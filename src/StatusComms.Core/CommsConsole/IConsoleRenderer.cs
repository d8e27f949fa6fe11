using StatusComms.Publishing;

namespace StatusComms.CommsConsole;

/// <summary>Renders the console's pages (templates/console/{page}.cshtml) and ships its static files.</summary>
public interface IConsoleRenderer
{
    Task<string> RenderAsync<TModel>(string page, TModel model, CancellationToken cancellationToken);

    /// <summary>The console's stylesheet and script, with their content types.</summary>
    IReadOnlyList<StaticAsset> StaticAssets { get; }
}
