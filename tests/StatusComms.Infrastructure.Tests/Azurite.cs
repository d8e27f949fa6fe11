using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace StatusComms.Infrastructure.Tests;

/// <summary>
/// Fresh, uniquely named tables and containers on the Azurite that ./test.sh starts (or the storage named by
/// STATUSCOMMS_TEST_STORAGE), so tests never see each other's data.
/// </summary>
internal static class Azurite
{
    public static string ConnectionString
        => Environment.GetEnvironmentVariable("STATUSCOMMS_TEST_STORAGE") is { Length: > 0 } s ? s : "UseDevelopmentStorage=true";

    public static string UniqueName() => "t" + Guid.NewGuid().ToString("N")[..20];

    public static TableClient NewTable() => new TableServiceClient(ConnectionString).GetTableClient(UniqueName());

    /// <summary>The table named <paramref name="name"/>, through a client whose every request goes into <paramref name="log"/>.</summary>
    public static TableClient CountedTable(string name, RequestLog log)
    {
        var options = new TableClientOptions();
        options.AddPolicy(log, Azure.Core.HttpPipelinePosition.PerCall);
        return new TableServiceClient(ConnectionString, options).GetTableClient(name);
    }

    public static BlobContainerClient NewContainer() => new BlobServiceClient(ConnectionString).GetBlobContainerClient(UniqueName());
}
