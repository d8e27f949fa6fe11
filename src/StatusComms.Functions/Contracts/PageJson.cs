namespace StatusComms.Functions.Contracts;

/// <summary>The page this deployment serves, in Statuspage's page shape (the fields that apply here).</summary>
public sealed record PageJson(string Id, string Name, string Url, string TimeZone, DateTimeOffset? CreatedAt, DateTimeOffset UpdatedAt, bool AllowPageSubscribers, bool AllowEmailSubscribers)
{
    public static PageJson From(PageSettings page, DateTimeOffset now) => new(page.Id, page.Name, page.Url, page.TimeZone, null, now, true, true);
}
