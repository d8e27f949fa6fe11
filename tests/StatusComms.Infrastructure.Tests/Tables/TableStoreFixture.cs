using Azure.Data.Tables;
using StatusComms.Components;
using StatusComms.Incidents;
using StatusComms.Infrastructure.Tables;

namespace StatusComms.Infrastructure.Tests.Tables;

/// <summary>A page's stores on a table of its own in Azurite; the table is deleted afterwards.</summary>
public abstract class TableStoreFixture : IAsyncLifetime
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    protected TableStoreFixture()
    {
        Client = Azurite.NewTable();
        Table = new StatusTable(Client, "acme");
        Components = new TableComponentStore(Table);
        Incidents = new TableIncidentStore(Table);
        Ledger = new TablePublicationLedger(Table);
    }

    protected TableClient Client { get; }
    protected StatusTable Table { get; }
    protected TableComponentStore Components { get; }
    protected TableIncidentStore Incidents { get; }
    protected TablePublicationLedger Ledger { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Client.DeleteAsync();

    protected static Component NewComponent(string name) => new()
    {
        Id = StatusComms.Common.Ids.NewId(),
        Name = name,
        CreatedAt = Now,
        UpdatedAt = Now,
    };

    protected static IncidentCommand Update(string body, IncidentStatus? status = null, Dictionary<string, ComponentStatus>? components = null, DateTimeOffset? next = null)
        => new() { Status = status, Body = body, Components = components ?? [], NextUpdateAt = next, Author = "lead" };

    protected static Incident NewIncident(string name, IReadOnlyDictionary<string, Component>? known = null, Dictionary<string, ComponentStatus>? components = null, DateTimeOffset? at = null)
        => Incident.Open(StatusComms.Common.Ids.NewId(), name, Update($"{name}: we are investigating.", IncidentStatus.Investigating, components, (at ?? Now).AddMinutes(30)), null, null, known ?? new Dictionary<string, Component>(), at ?? Now);
}
