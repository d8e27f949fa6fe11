namespace StatusComms.Notifications;

/// <summary>Renders an email from templates/email: {name}.txt.cshtml as text and {name}.html.cshtml as HTML.</summary>
public interface IEmailRenderer
{
    Task<RenderedEmail> RenderAsync<TModel>(string name, TModel model, CancellationToken cancellationToken);
}

public sealed record RenderedEmail(string Text, string Html);
