namespace StatusComms.Publishing;

/// <summary>Turns view models into HTML with the site templates.</summary>
public interface ISiteRenderer
{
    Task<string> RenderAsync<TModel>(SiteTemplate page, TModel model, CancellationToken cancellationToken);

    /// <summary>Static files shipped with the templates (the stylesheet), with their content types.</summary>
    IReadOnlyList<StaticAsset> StaticAssets { get; }
}

public enum SiteTemplate
{
    Index,
    Incident,
    History,
    NotFound,
    Postmortem,
}

public sealed record StaticAsset(string Name, ReadOnlyMemory<byte> Content, string ContentType);
