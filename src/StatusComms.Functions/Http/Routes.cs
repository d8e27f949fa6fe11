namespace StatusComms.Functions.Http;

/// <summary>
/// Every HTTP route of the app, whole: host.json sets no route prefix, so the management API (shaped like
/// Statuspage's v1 API so existing automation works by changing the base URL) lives under api/v1/, the public
/// endpoints under api/public/ and the comms lead's console under console/. Trigger attributes use these constants;
/// the local runner reads the attributes, so each route is defined exactly once.
/// </summary>
public static class Routes
{
    public const string ManagementRoot = "api/v1";

    /// <summary>A route of the management API (key or admin principal required): decided by the invoked function's template, never by the request's path, so a route prefix cannot move a function out of the gate.</summary>
    public static bool IsManagement(string? template) => Under(template, ManagementRoot);

    /// <summary>A route of the comms console (session required, but for its sign-in and assets).</summary>
    public static bool IsConsole(string? template) => Under(template, Console);

    /// <summary>The parameter names of a route template ("incidentId", "format"), in order.</summary>
    public static IReadOnlyList<string> Parameters(string template)
        => ParameterNames.GetOrAdd(template, t => Microsoft.AspNetCore.Routing.Template.TemplateParser.Parse(t).Parameters.Select(p => p.Name!).ToArray());

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<string>> ParameterNames = new(StringComparer.Ordinal);

    private static bool Under(string? template, string root)
        => template is not null && template.StartsWith(root, StringComparison.Ordinal) && (template.Length == root.Length || template[root.Length] == '/');

    /// <summary>
    /// Every other path under api/v1: Statuspage's <c>.json</c> URLs (<c>…/incidents.json</c>, as its reference writes
    /// them) are dispatched to the route without the suffix, and anything else is answered 404 or 405 in
    /// problem+json, never by the static site (<see cref="Api.NoSuchRoute"/>).
    /// </summary>
    public const string ManagementFallback = ManagementRoot + "/{*rest}";

    /// <summary>
    /// An item route (ending in an id) takes the .json suffix in its template: an optional parameter after a period
    /// is how route templates say it, and keeps the suffix out of the id. A route ending in a word cannot say so
    /// (the period must stand alone before the parameter); those are reached through <see cref="ManagementFallback"/>.
    /// </summary>
    public const string ItemSuffix = ".{format?}";
    public const string Pages = ManagementRoot + "/pages";
    public const string Page = PagePath + ItemSuffix;
    private const string PagePath = Pages + "/{pageId}";
    public const string Components = PagePath + "/components";
    public const string Component = ComponentPath + ItemSuffix;
    private const string ComponentPath = Components + "/{componentId}";
    public const string ComponentGroups = PagePath + "/component-groups";
    public const string ComponentGroup = ComponentGroups + "/{groupId}" + ItemSuffix;
    public const string Incidents = PagePath + "/incidents";
    public const string UnresolvedIncidents = Incidents + "/unresolved";

    // Planned work as Statuspage lists it among incidents (literal segments, so they win over incidents/{id}).
    public const string ScheduledIncidents = Incidents + "/scheduled";
    public const string UpcomingIncidents = Incidents + "/upcoming";
    public const string ActiveMaintenanceIncidents = Incidents + "/active_maintenance";
    public const string Incident = IncidentPath + ItemSuffix;
    private const string IncidentPath = Incidents + "/{incidentId" + NotIncidentViews + "}";

    /// <summary>
    /// An id is never one of the words beside it: without this, "incidents/unresolved.json" would be read as the
    /// incident "unresolved" with the suffix (a literal route cannot take the suffix, the item route can).
    /// </summary>
    private const string NotIncidentViews = ":regex(^(?!(unresolved|scheduled|upcoming|active_maintenance)$))";
    public const string ReopenIncident = IncidentPath + "/reopen";
    public const string IncidentPlaybook = IncidentPath + "/playbook";
    public const string IncidentPlaybookStep = IncidentPlaybook + "/steps/{step}";
    public const string IncidentUpdate = IncidentPath + "/incident_updates/{updateId}" + ItemSuffix;

    /// <summary>The same, as atlassian-python-api spells the path (<c>incidents_update</c>), so that client works unchanged.</summary>
    public const string IncidentUpdateAsPythonClientSpellsIt = IncidentPath + "/incidents_update/{updateId}" + ItemSuffix;
    public const string ScheduledMaintenances = PagePath + "/scheduled-maintenances";
    public const string ScheduledMaintenance = ScheduledMaintenancePath + ItemSuffix;
    private const string ScheduledMaintenancePath = ScheduledMaintenances + "/{maintenanceId}";
    public const string Publish = PagePath + "/publish";
    public const string CandorCheck = PagePath + "/candor/check";
    public const string MessageTemplates = PagePath + "/message-templates";

    public const string Playbooks = PagePath + "/playbooks";
    public const string Drills = PagePath + "/drills";
    public const string Drill = Drills + "/{drillId}" + ItemSuffix;
    public const string EndDrill = Drills + "/{drillId}/end";

    public const string Playbook = Playbooks + "/{playbookId}" + ItemSuffix;
    public const string IncidentDrafts = IncidentPath + "/drafts";

    // Subscribers and deliveries (management API).
    public const string Subscribers = PagePath + "/subscribers";
    public const string SubscriberCount = Subscribers + "/count";
    public const string SubscriberImport = Subscribers + "/import";
    public const string Subscriber = SubscriberPath + ItemSuffix;
    private const string SubscriberPath = Subscribers + "/{subscriberId:regex(^(?!(count|import)$))}";
    public const string DeliveryProblems = PagePath + "/deliveries/problems";
    public const string ResendDelivery = PagePath + "/deliveries/{notificationKey}/{target}/resend";

    // Public, anonymous endpoints: subscription links and SendGrid's Event Webhook. Outside /api/v1/, so the
    // gate asks for no key; each proves itself with a signed token or signature instead.
    public const string PublicSubscriptions = "api/public/subscriptions";
    public const string ConfirmSubscription = PublicSubscriptions + "/confirm";
    public const string ManageSubscription = PublicSubscriptions + "/manage";
    public const string Unsubscribe = PublicSubscriptions + "/unsubscribe";
    public const string SendGridEvents = "api/public/sendgrid/events";

    // Postmortems (management API).
    public const string Postmortem = IncidentPath + "/postmortem";
    public const string PostmortemTimeline = Postmortem + "/timeline";
    public const string PostmortemActionItems = Postmortem + "/action-items";
    public const string PostmortemActionItem = PostmortemActionItemPath + ItemSuffix;
    private const string PostmortemActionItemPath = PostmortemActionItems + "/{itemId}";
    public const string PostmortemStatus = Postmortem + "/status";
    public const string PostmortemPreview = Postmortem + "/preview";
    public const string PostmortemPublish = Postmortem + "/publish";
    public const string PostmortemRevert = Postmortem + "/revert";
    public const string PostmortemMarkdown = Postmortem + "/markdown";

    // The comms lead's console (HTML; a session cookie, see Console/ConsoleGate).
    public const string Console = "console";
    public const string ConsoleSignIn = Console + "/sign-in";
    public const string ConsoleSignOut = Console + "/sign-out";
    public const string ConsoleAsset = Console + "/assets/{name}";
    public const string ConsoleNewIncident = Console + "/incidents/new";
    public const string ConsoleIncident = Console + "/incidents/{incidentId}";
    public const string ConsoleUpdateIncident = ConsoleIncident + "/update";
    public const string ConsoleReopenIncident = ConsoleIncident + "/reopen";
    public const string ConsoleIncidentPlaybook = ConsoleIncident + "/playbook";
    public const string ConsolePostmortem = ConsoleIncident + "/postmortem";
    public const string ConsoleComponents = Console + "/components";
    public const string ConsoleSubscribers = Console + "/subscribers";
    public const string ConsoleMaintenances = Console + "/maintenance";
    public const string ConsoleNewMaintenance = ConsoleMaintenances + "/new";
    public const string ConsoleMaintenance = ConsoleMaintenances + "/{maintenanceId}";
    public const string ConsoleDrills = Console + "/drills";
    public const string ConsoleDrill = ConsoleDrills + "/{drillId}";
    public const string ConsoleJoinDrill = ConsoleDrill + "/join";
    public const string ConsoleEndDrill = ConsoleDrill + "/end";
    public const string ConsoleLeaveDrill = ConsoleDrills + "/leave";
}
