using System.Globalization;

namespace StatusComms.Functions.Http;

/// <summary>Statuspage's pagination query parameters: page (from 1) and per_page.</summary>
public static class PageQuery
{
    public static (int Page, int PerPage) Read(HttpRequest request, int defaultPerPage)
        => (Number(request, "page", 1), Number(request, "per_page", defaultPerPage));

    /// <summary>A whole-number query parameter between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static int Bounded(HttpRequest request, string name, int fallback, int min, int max)
    {
        var value = Number(request, name, fallback);
        return value >= min && value <= max
            ? value
            : throw new ApiProblemException(StatusCodes.Status400BadRequest, "Invalid query", $"{name} must be between {min} and {max}.");
    }

    private static int Number(HttpRequest request, string name, int fallback)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ApiProblemException(StatusCodes.Status400BadRequest, "Invalid query", $"{name} must be a whole number, not '{text}'.");
    }
}
