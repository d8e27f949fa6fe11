using StatusComms.Components;
using StatusComms.Publishing;

namespace StatusComms.LocalRunner;

/// <summary>A few components for <c>--demo</c>, so a fresh page is not empty. Does nothing if components exist.</summary>
public static class DemoContent
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var components = services.GetRequiredService<ComponentService>();
        if ((await components.ListAsync(cancellationToken)).Components.Count > 0)
        {
            return;
        }

        async Task<string> Add(string name, string description)
            => (await components.CreateAsync(new NewComponent(name, description, ComponentStatus.Operational, null, true, false, null), cancellationToken)).Id;

        var api = await Add("API", "The REST API and the official SDKs.");
        var dashboard = await Add("Dashboard", "The web app at app.example.com.");
        var webhooks = await Add("Webhooks", "Delivery of webhook events to your endpoints.");
        await components.CreateGroupAsync(new NewComponentGroup("Core platform", "What every customer uses.", [api, dashboard, webhooks]), cancellationToken);
        var eu = await Add("Europe (Frankfurt)", "Data plane for workspaces hosted in the EU.");
        var us = await Add("North America (Virginia)", "Data plane for workspaces hosted in the US.");
        await components.CreateGroupAsync(new NewComponentGroup("Regions", null, [eu, us]), cancellationToken);
        await Add("Email notifications", "Alert and digest emails.");
        await services.GetRequiredService<SitePublisher>().PublishAsync(everything: true, cancellationToken);
    }
}
