namespace StatusComms.Functions.Http;

/// <summary>
/// The management API's routes (after the host's "api" prefix), shaped like Statuspage's v1 API so existing
/// automation works by changing the base URL. Trigger attributes use these constants; the local runner reads the
/// attributes, so each route is defined exactly once.
/// </summary>
public static class Routes
{
    public const string Pages = "v1/pages";
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
    public const string PublicSubscriptions = "public/subscriptions";
    public const string ConfirmSubscription = PublicSubscriptions + "/confirm";
    public const string ManageSubscription = PublicSubscriptions + "/manage";
    public const string Unsubscribe = PublicSubscriptions + "/unsubscribe";
    public const string SendGridEvents = "public/sendgrid/events";

    // Postmortems (management API).
    public const string Postmortem = Incident + "/postmortem";
    public const string PostmortemTimeline = Postmortem + "/timeline";
    public const string PostmortemActionItems = Postmortem + "/action-items";
    public const string PostmortemActionItem = PostmortemActionItems + "/{itemId}";
    public const string PostmortemStatus = Postmortem + "/status";
    public const string PostmortemPreview = Postmortem + "/preview";
    public const string PostmortemPublish = Postmortem + "/publish";
    public const string PostmortemMarkdown = Postmortem + "/markdown";
}
