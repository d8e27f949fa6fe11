using StatusComms.StatusPage;

namespace StatusComms.Components;

/// <summary>The page's components with the status each shows right now.</summary>
public sealed record ComponentListing(IReadOnlyList<Component> Components, StatusRollup Rollup)
{
    public Component? Find(string id) => Components.FirstOrDefault(c => c.Id == id);
}
