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
    public const string Pages = ManagementRoot + "/pages";
    public const string Page = Pages + "/{pageId}";
    public const string Components = Page + "/components";
    public const string Component = Components + "/{componentId}";
    public const string ComponentGroups = Page + "/component-groups";
    public const string Incidents = Page + "/incidents";
    public const string UnresolvedIncidents = Incidents + "/unresolved";
    public const string Incident = Incidents + "/{incidentId}";
    public const string ReopenIncident = Incident + "/reopen";
    public const string ScheduledMaintenances = Page + "/scheduled-maintenances";
    public const string ScheduledMaintenance = ScheduledMaintenances + "/{maintenanceId}";
    public const string Publish = Page + "/publish";
    public const string CandorCheck = Page + "/candor/check";
    public const string MessageTemplates = Page + "/message-templates";
    public const string IncidentDrafts = Incident + "/drafts";

    // Subscribers and deliveries (management API).
    public const string Subscribers = Page + "/subscribers";
    public const string SubscriberCount = Subscribers + "/count";
    public const string SubscriberImport = Subscribers + "/import";
    public const string Subscriber = Subscribers + "/{subscriberId}";
    public const string DeliveryProblems = Page + "/deliveries/problems";
    public const string ResendDelivery = Page + "/deliveries/{notificationKey}/{target}/resend";

    // Public, anonymous endpoints: subscription links and SendGrid's Event Webhook. Outside /api/v1/, so the
    // gate asks for no key; each proves itself with a signed token or signature instead.
    public const string PublicSubscriptions = "api/public/subscriptions";
    public const string ConfirmSubscription = PublicSubscriptions + "/confirm";
    public const string ManageSubscription = PublicSubscriptions + "/manage";
    public const string Unsubscribe = PublicSubscriptions + "/unsubscribe";
    public const string SendGridEvents = "api/public/sendgrid/events";

    // Postmortems (management API).
    public const string Postmortem = Incident + "/postmortem";
    public const string PostmortemTimeline = Postmortem + "/timeline";
    public const string PostmortemActionItems = Postmortem + "/action-items";
    public const string PostmortemActionItem = PostmortemActionItems + "/{itemId}";
    public const string PostmortemStatus = Postmortem + "/status";
    public const string PostmortemPreview = Postmortem + "/preview";
    public const string PostmortemPublish = Postmortem + "/publish";
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
    public const string ConsolePostmortem = ConsoleIncident + "/postmortem";
    public const string ConsoleComponents = Console + "/components";
    public const string ConsoleSubscribers = Console + "/subscribers";
    public const string ConsoleMaintenances = Console + "/maintenance";
    public const string ConsoleNewMaintenance = ConsoleMaintenances + "/new";
    public const string ConsoleMaintenance = ConsoleMaintenances + "/{maintenanceId}";
}
