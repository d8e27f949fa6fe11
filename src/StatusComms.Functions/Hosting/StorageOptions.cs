namespace StatusComms.Functions.Hosting;

/// <summary>
/// Where data and the site live. Locally a connection string (UseDevelopmentStorage=true for Azurite); in Azure the
/// service URIs, reached with DefaultAzureCredential (the app's managed identity), so no secret is stored.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>A storage connection string. When empty, the service URIs below are used; when those are empty too,
    /// the Functions host's AzureWebJobsStorage connection string.</summary>
    public string? ConnectionString { get; set; }

    public Uri? TableServiceUri { get; set; }
    public Uri? BlobServiceUri { get; set; }
    public Uri? QueueServiceUri { get; set; }

    /// <summary>Table holding the page's data. Default "statuscomms".</summary>
    public string TableName { get; set; } = "statuscomms";

    /// <summary>Blob container served as the public site. Default "$web" (static website hosting).</summary>
    public string SiteContainer { get; set; } = "$web";
}
