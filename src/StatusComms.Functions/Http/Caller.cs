namespace StatusComms.Functions.Http;

/// <summary>Who is calling the management API, as established by <see cref="ApiGate"/>; recorded as the author of updates.</summary>
public static class Caller
{
    private const string ItemKey = "statuscomms.caller";

    public static string NameOf(HttpRequest request)
        => request.HttpContext.Items.TryGetValue(ItemKey, out var name) && name is string text ? text : "api";

    internal static void Set(HttpContext context, string name) => context.Items[ItemKey] = name;
}
